package dev.mqttrr.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for mqtt-rr, under {@code mqtt}. They validate themselves when Spring
 * Boot binds them (a {@link Validator} bound by Boot is checked without {@code @Validated} and
 * without a Bean Validation provider): a wrong value fails start-up with Boot's report naming the
 * property, its value and what is allowed.
 */
@ConfigurationProperties("mqtt")
public class MqttProperties implements Validator {

	/**
	 * Broker URL: tcp://, ssl://, ws:// or wss://, then host and port. ssl:// and wss:// connect
	 * with TLS, trusting what mqtt.ssl.bundle names, or the JVM's default trust store without it.
	 */
	private String url = "tcp://localhost:1883";

	/**
	 * Client identifier. Defaults to the application name (or "mqtt-rr") followed by a random
	 * suffix.
	 */
	private @Nullable String clientId;

	/**
	 * Login user of the broker.
	 */
	private @Nullable String username;

	/**
	 * Login password of the broker.
	 */
	private @Nullable String password;

	/**
	 * Whether to start a new session on every connect, discarding subscriptions and queued
	 * messages of the previous one.
	 */
	private boolean cleanStart = true;

	/**
	 * How long the broker keeps the session after the connection closes. 0 ends it at once.
	 */
	private Duration sessionExpiry = Duration.ZERO;

	/**
	 * Keep-alive interval: the longest time without traffic before a ping.
	 */
	private Duration keepAlive = Duration.ofSeconds(60);

	/**
	 * How long to wait for the broker to accept a connection.
	 */
	private Duration connectionTimeout = Duration.ofSeconds(10);

	/**
	 * Whether to connect, and subscribe the responders, when the application context starts.
	 * Without it, nothing connects until the connection bean is started.
	 */
	private boolean autoStartup = true;

	/**
	 * Whether start-up fails when the broker cannot be reached. By default the application starts
	 * anyway and keeps connecting; requests fail with MqttDisconnectedException until it is
	 * connected. A broker that refuses MQTT 5 or the credentials, and a TLS certificate refused on
	 * either side, fail start-up either way.
	 */
	private boolean failFast;

	private final Ssl ssl = new Ssl();

	private final Reconnect reconnect = new Reconnect();

	private final Request request = new Request();

	private final Responder responder = new Responder();

	private final Embedded embedded = new Embedded();

	private final Observation observation = new Observation();

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public boolean isCleanStart() {
		return this.cleanStart;
	}

	public void setCleanStart(boolean cleanStart) {
		this.cleanStart = cleanStart;
	}

	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * Return whether the type is these properties or one of their nested groups, which Boot
	 * validates each where it is bound.
	 * @param type the type to validate
	 * @return whether {@link #validate(Object, Errors)} checks it
	 */
	@Override
	public boolean supports(Class<?> type) {
		return MqttPropertiesValidator.supports(type);
	}

	/**
	 * Check these properties, or one of their nested groups: URL scheme and host, ranges of
	 * durations and counts, topic rules.
	 * @param target these properties or a nested group of them
	 * @param errors where to report each wrong value, by field
	 */
	@Override
	public void validate(Object target, Errors errors) {
		MqttPropertiesValidator.validate(target, errors);
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Request getRequest() {
		return this.request;
	}

	public Responder getResponder() {
		return this.responder;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Observation getObservation() {
		return this.observation;
	}

	/**
	 * Micrometer observations of requests and responders.
	 */
	public static class Observation {

		/**
		 * Whether to observe each request (mqtt.request) and each responder invocation
		 * (mqtt.responder) when the application has an ObservationRegistry bean, and to carry the
		 * trace context in the messages' user properties.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * TLS for ssl:// and wss:// broker URLs.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) to connect with: its trust
		 * store checks the broker's certificate, its key store holds the client certificate for
		 * mutual TLS, its options restrict protocols and ciphers. The host name in mqtt.url is
		 * always verified against the broker's certificate. Unset: the JVM's default trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Automatic reconnect after a lost connection.
	 */
	public static class Reconnect {

		/**
		 * Whether to reconnect automatically after the connection is lost.
		 */
		private boolean enabled = true;

		/**
		 * Delay before the first reconnect attempt; it doubles after each failure.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest delay between reconnect attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

	}

	/**
	 * Requests sent with MqttRequestTemplate.
	 */
	public static class Request {

		/**
		 * Default timeout of a request: from the call to the reply.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * QoS of requests and of the reply subscriptions.
		 */
		private int qos = 1;

		/**
		 * Most requests waiting for replies at once; further callers wait for a slot inside their
		 * own timeout.
		 */
		private int maxPending = 1000;

		/**
		 * Prefix of the per-client reply topic; the client id follows.
		 */
		private String replyTopicPrefix = "mqttrr/replies/";

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getQos() {
			return this.qos;
		}

		public void setQos(int qos) {
			this.qos = qos;
		}

		public int getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(int maxPending) {
			this.maxPending = maxPending;
		}

		public String getReplyTopicPrefix() {
			return this.replyTopicPrefix;
		}

		public void setReplyTopicPrefix(String replyTopicPrefix) {
			this.replyTopicPrefix = replyTopicPrefix;
		}

	}

	/**
	 * Methods annotated with @MqttResponder.
	 */
	public static class Responder {

		/**
		 * Threads that run responder methods.
		 */
		private int concurrency = 8;

		/**
		 * Requests each responder may have waiting for a thread; more are answered at once with
		 * a busy reply (MqttResponderBusyException at the caller). Each responder has its own
		 * queue of this size on the shared threads.
		 */
		private int queueCapacity = 1000;

		/**
		 * Largest request payload a responder reads; a larger request is answered with an error
		 * reply before any conversion.
		 */
		private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

		/**
		 * Topic filters the response topic of a request must match for a responder to answer;
		 * empty allows any topic that is not refused anyway (empty, wildcards, a leading '$', a
		 * request topic of this application).
		 */
		private List<String> allowedResponseTopics = new ArrayList<>();

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			this.maxPayloadSize = maxPayloadSize;
		}

		public List<String> getAllowedResponseTopics() {
			return this.allowedResponseTopics;
		}

		public void setAllowedResponseTopics(List<String> allowedResponseTopics) {
			this.allowedResponseTopics = allowedResponseTopics;
		}

	}

	/**
	 * Embedded HiveMQ Community Edition broker.
	 */
	public static class Embedded {

		/**
		 * Whether to start an embedded broker. Unset: started when HiveMQ CE embedded is on the
		 * classpath and mqtt.url is not set.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Address the embedded broker binds to.
		 */
		private String host = "127.0.0.1";

		/**
		 * Port of the embedded broker; 0 picks a free one.
		 */
		private int port = 1883;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

}
