package dev.mqttrr.test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Certificates made by the test, written as PEM files that Mosquitto and Spring Boot's PEM SSL
 * bundles both read: a certificate authority, and certificates it signs for servers and clients.
 * EC P-256 keys, so that making them takes milliseconds.
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private final Path folder;

	private final String name;

	private final KeyPair keyPair;

	private final X509CertificateHolder certificate;

	private TestCertificates(Path folder, String name, KeyPair keyPair, X509CertificateHolder certificate) {
		this.folder = folder;
		this.name = name;
		this.keyPair = keyPair;
		this.certificate = certificate;
	}

	/**
	 * Make a self-signed certificate authority and write {@code <name>.crt} into the folder.
	 * @param folder where the PEM files go; made readable for Mosquitto, which drops root
	 * @param name the authority's common name and file name
	 * @return the authority, which signs further certificates
	 */
	public static TestCertificates authority(Path folder, String name) {
		KeyPair keyPair = newKeyPair();
		X500Name subject = new X500Name("CN=" + name);
		X509CertificateHolder certificate = sign(subject, keyPair, subject, keyPair, (builder) -> {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		});
		TestCertificates authority = new TestCertificates(folder, name, keyPair, certificate);
		authority.write(name + ".crt", certificate);
		return authority;
	}

	/**
	 * Sign a server certificate for the given host names (DNS names, or IP addresses in digits)
	 * and write {@code <name>.crt} and {@code <name>.key}.
	 * @param name the file name
	 * @param hosts the subject alternative names
	 * @return the server's certificate files
	 */
	public TestCertificates server(String name, String... hosts) {
		GeneralName[] names = new GeneralName[hosts.length];
		for (int i = 0; i < hosts.length; i++) {
			names[i] = new GeneralName(hosts[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
					hosts[i]);
		}
		return issue(name, KeyPurposeId.id_kp_serverAuth, names);
	}

	/**
	 * Sign a client certificate and write {@code <name>.crt} and {@code <name>.key}.
	 * @param name the common name and file name
	 * @return the client's certificate files
	 */
	public TestCertificates client(String name) {
		return issue(name, KeyPurposeId.id_kp_clientAuth, new GeneralName[0]);
	}

	/** Return the PEM certificate file. */
	public Path certificate() {
		return this.folder.resolve(this.name + ".crt");
	}

	/** Return the PEM private key file (PKCS#8). */
	public Path privateKey() {
		return this.folder.resolve(this.name + ".key");
	}

	private TestCertificates issue(String name, KeyPurposeId purpose, GeneralName[] alternativeNames) {
		KeyPair keyPair = newKeyPair();
		X509CertificateHolder certificate = sign(new X500Name("CN=" + name), keyPair, this.certificate.getSubject(),
				this.keyPair, (builder) -> {
					builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
					builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
					builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
					if (alternativeNames.length > 0) {
						builder.addExtension(Extension.subjectAlternativeName, false,
								new GeneralNames(alternativeNames));
					}
				});
		TestCertificates issued = new TestCertificates(this.folder, name, keyPair, certificate);
		issued.write(name + ".crt", certificate);
		issued.write(name + ".key", pkcs8(keyPair));
		return issued;
	}

	private static X509CertificateHolder sign(X500Name subject, KeyPair subjectKeys, X500Name issuer,
			KeyPair issuerKeys, Extensions extensions) {
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
				BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
		try {
			extensions.add(builder);
			return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
		}
		catch (IOException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JcaPKCS8Generator pkcs8(KeyPair keyPair) {
		try {
			return new JcaPKCS8Generator(keyPair.getPrivate(), null);
		}
		catch (PemGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void write(String fileName, Object pemObject) {
		try {
			StringWriter pem = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
				writer.writeObject(pemObject);
			}
			Path file = this.folder.resolve(fileName);
			Files.writeString(file, pem.toString());
			// Mosquitto started as root runs as the user 'mosquitto', which must read the files.
			Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface Extensions {

		void add(JcaX509v3CertificateBuilder builder) throws IOException;

	}

}
