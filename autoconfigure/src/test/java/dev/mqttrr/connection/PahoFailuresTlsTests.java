package dev.mqttrr.connection;

import java.io.EOFException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSecurityException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which TLS failures {@link PahoFailures} counts as permanent, failing start-up: a certificate
 * refused on either side is a configuration to correct; a handshake the network cut short is not.
 * The real handshakes behind these shapes are in {@code TlsIntegrationTests}.
 */
class PahoFailuresTlsTests {

	@Test
	void anUntrustedBrokerCertificateIsPermanentAndSaysWhatToDo() {
		MqttException ex = new MqttException(handshake("PKIX path building failed",
				new CertificateException("PKIX path building failed", new CertPathBuilderException("no path"))));
		assertThat(PahoFailures.isPermanent(ex)).isTrue();
		assertThat(message(ex)).contains("the broker's TLS certificate was not trusted (PKIX path building failed)")
			.contains("Set mqtt.ssl.bundle");
	}

	@Test
	void aBrokerCertificateForAnotherHostIsPermanentAndSaysHostNamesAreVerified() {
		MqttException ex = new MqttException(handshake("No subject alternative DNS name matching broker found.",
				new CertificateException("No subject alternative DNS name matching broker found.")));
		assertThat(PahoFailures.isPermanent(ex)).isTrue();
		assertThat(message(ex)).contains("was refused").contains("Host names are verified");
	}

	@Test
	void aClientCertificateTheBrokerRefusesIsPermanentAndPointsToTheKeyStore() {
		MqttException ex = new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST,
				new SSLHandshakeException("Received fatal alert: certificate_required"));
		assertThat(PahoFailures.isPermanent(ex)).isTrue();
		assertThat(message(ex)).contains("it wants a client certificate").contains("keystore.certificate");
	}

	@Test
	void aHandshakeTheNetworkCutShortIsNotPermanent() {
		MqttException ex = new MqttException(
				handshake("Remote host terminated the handshake", new EOFException("SSL peer shut down incorrectly")));
		assertThat(PahoFailures.isPermanent(ex)).isFalse();
		assertThat(message(ex)).contains("Check mqtt.url");
	}

	@Test
	void aCertificateProblemOutsideTheHandshakeIsNotTakenForTheBrokers() {
		// Paho's own SSL properties naming a key store it cannot read.
		MqttException ex = new MqttSecurityException(new CertificateException("bad key store"));
		assertThat(PahoFailures.isPermanent(ex)).isFalse();
		assertThat(message(ex)).doesNotContain("broker's TLS certificate");
	}

	@Test
	void aPlainSslFailureWithoutAnAlertAboutCertificatesIsNotPermanent() {
		MqttException ex = new MqttException(new SSLException("Received fatal alert: internal_error"));
		assertThat(PahoFailures.isPermanent(ex)).isFalse();
	}

	private static SSLHandshakeException handshake(String message, Throwable cause) {
		SSLHandshakeException ex = new SSLHandshakeException(message);
		ex.initCause(cause);
		return ex;
	}

	private static String message(MqttException ex) {
		return PahoFailures.connect("ssl://broker:8883", "client", Duration.ofSeconds(10), ex).getMessage();
	}

}
