package dev.mqttrr.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.StringUtils;

import dev.mqttrr.annotation.MqttResponderAnnotationBeanPostProcessor;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.ReconnectPolicy;
import dev.mqttrr.connection.TcpNoDelaySslSocketFactory;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttRequestOperations;
import dev.mqttrr.core.MqttRequestSettings;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.observation.MqttRequestObservationConvention;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.responder.observation.MqttResponderObservationConvention;
import dev.mqttrr.responder.observation.MqttTraceContextInjector;

/**
 * Auto-configuration for MQTT 5 request/response: one Paho connection, an
 * {@link MqttRequestTemplate}, and the {@code @MqttResponder} infrastructure.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(MqttAsyncClient.class)
@EnableConfigurationProperties(MqttProperties.class)
@ImportRuntimeHints(PahoRuntimeHints.class)
public final class MqttAutoConfiguration {

	/** Bean name of the responder endpoint registry. */
	public static final String RESPONDER_REGISTRY_BEAN_NAME = "mqttResponderEndpointRegistry";

	/** Bean name of the executor that completes {@code requestAsync} futures. */
	public static final String REPLY_EXECUTOR_BEAN_NAME = "mqttReplyExecutor";

	/** Bean name of the executor that runs {@code @MqttResponder} methods. */
	public static final String RESPONDER_EXECUTOR_BEAN_NAME = "mqttResponderExecutor";

	@Bean
	@ConditionalOnMissingBean
	MqttConnectionDetails mqttConnectionDetails(MqttProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesMqttConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(MqttConnection.class)
	PahoMqttConnection mqttConnection(MqttProperties properties, MqttConnectionDetails connectionDetails,
			ObjectProvider<MqttConnectionOptionsCustomizer> customizers, Environment environment) {
		MqttConnectionOptions options = connectionOptions(properties, connectionDetails);
		if (!PahoMqttConnection.usesTls(connectionDetails.getUrl())) {
			// Before the customizers, so that they see the factory, and may wrap or replace it. A TLS
			// URL has the bundle's factory by now, or gets the default one from the connection, once
			// it knows whether a customizer set Paho's SSL properties instead.
			PahoMqttConnection.installTcpNoDelaySocketFactory(connectionDetails.getUrl(), options);
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		String clientId = StringUtils.hasText(properties.getClientId()) ? properties.getClientId()
				: defaultClientId(environment);
		ReconnectPolicy reconnect = new ReconnectPolicy(properties.getReconnect().isEnabled(),
				properties.getReconnect().getInitialDelay(), properties.getReconnect().getMaxDelay());
		PahoMqttConnection connection = new PahoMqttConnection(connectionDetails.getUrl(), clientId, options,
				reconnect);
		connection.setAutoStartup(properties.isAutoStartup());
		connection.setFailFast(properties.isFailFast());
		return connection;
	}

	@Bean(name = REPLY_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = REPLY_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	ThreadPoolTaskExecutor mqttReplyExecutor() {
		return executor("mqtt-rr-reply-", Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	/**
	 * A virtual thread per reply: a {@code requestAsync} stage that blocks then holds no platform
	 * thread and makes no other reply wait. It takes tasks until the context destroys it, after
	 * every lifecycle phase.
	 */
	@Bean(name = REPLY_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = REPLY_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	SimpleAsyncTaskExecutor mqttReplyExecutorVirtualThreads() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("mqtt-rr-reply-");
		executor.setVirtualThreads(true);
		return executor;
	}

	@Bean(name = RESPONDER_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = RESPONDER_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	ThreadPoolTaskExecutor mqttResponderExecutor(MqttProperties properties) {
		return executor("mqtt-rr-responder-", properties.getResponder().getConcurrency());
	}

	/**
	 * The responder executor on virtual threads, still at most {@code mqtt.responder.concurrency}
	 * at once: that many virtual threads take the requests in turn. A concurrency-limited
	 * {@code SimpleAsyncTaskExecutor} would block the submitting thread at the limit, and that is
	 * Paho's callback thread, which also delivers the replies that busy responders may wait for.
	 */
	@Bean(name = RESPONDER_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = RESPONDER_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	ThreadPoolTaskExecutor mqttResponderExecutorVirtualThreads(MqttProperties properties) {
		ThreadPoolTaskExecutor executor = executor("mqtt-rr-responder-", properties.getResponder().getConcurrency());
		executor.setThreadFactory(new VirtualThreadTaskExecutor("mqtt-rr-responder-").getVirtualThreadFactory());
		return executor;
	}

	@Bean
	@ConditionalOnMissingBean
	MqttPayloadConverter mqttPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		return new MqttPayloadConverter(new CompositeMessageConverter(List.of(new ByteArrayMessageConverter(),
				new StringMessageConverter(), new JacksonJsonMessageConverter(mapper))));
	}

	@Bean
	@ConditionalOnMissingBean(MqttRequestOperations.class)
	MqttRequestTemplate mqttRequestTemplate(MqttConnection connection, MqttPayloadConverter payloadConverter,
			@Qualifier(REPLY_EXECUTOR_BEAN_NAME) Executor replyExecutor, MqttProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MqttRequestObservationConvention> observationConvention) {
		MqttProperties.Request request = properties.getRequest();
		MqttRequestTemplate template = new MqttRequestTemplate(connection, payloadConverter, replyExecutor,
				new MqttRequestSettings(request.getTimeout(), request.getQos(), request.getMaxPending(),
						request.getReplyTopicPrefix()));
		if (properties.getObservation().isEnabled()) {
			observationRegistry.ifAvailable(template::setObservationRegistry);
			template.setObservationConvention(observationConvention.getIfUnique());
		}
		return template;
	}

	@Bean
	@ConditionalOnMissingBean(name = "mqttMessageHandlerMethodFactory")
	MessageHandlerMethodFactory mqttMessageHandlerMethodFactory(MqttPayloadConverter payloadConverter) {
		DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
		factory.setMessageConverter(payloadConverter.getMessageConverter());
		return factory;
	}

	@Bean(name = RESPONDER_REGISTRY_BEAN_NAME)
	@ConditionalOnMissingBean
	MqttResponderEndpointRegistry mqttResponderEndpointRegistry(MqttConnection connection,
			MessageHandlerMethodFactory mqttMessageHandlerMethodFactory, MqttPayloadConverter payloadConverter,
			@Qualifier(RESPONDER_EXECUTOR_BEAN_NAME) Executor responderExecutor, MqttProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MqttResponderObservationConvention> observationConvention,
			ObjectProvider<MqttTraceContextInjector> traceContextInjector) {
		MqttResponderEndpointRegistry registry = new MqttResponderEndpointRegistry(connection,
				mqttMessageHandlerMethodFactory, payloadConverter, responderExecutor);
		registry.setAutoStartup(properties.isAutoStartup());
		if (properties.getObservation().isEnabled()) {
			observationRegistry.ifAvailable(registry::setObservationRegistry);
			registry.setObservationConvention(observationConvention.getIfUnique());
			registry.setTraceContextInjector(traceContextInjector.getIfUnique());
		}
		registry.setAllowedResponseTopics(properties.getResponder().getAllowedResponseTopics());
		// Summed as longs: a queue capacity of Integer.MAX_VALUE ("unbounded") would overflow to a
		// negative bound that answers every request as busy.
		registry.setMaxRequestsPerResponder((int) Math.min(Integer.MAX_VALUE,
				(long) properties.getResponder().getConcurrency() + properties.getResponder().getQueueCapacity()));
		registry.setMaxPayloadSize(properties.getResponder().getMaxPayloadSize().toBytes());
		return registry;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static MqttResponderAnnotationBeanPostProcessor mqttResponderAnnotationBeanPostProcessor() {
		return new MqttResponderAnnotationBeanPostProcessor(RESPONDER_REGISTRY_BEAN_NAME);
	}

	private static MqttConnectionOptions connectionOptions(MqttProperties properties,
			MqttConnectionDetails connectionDetails) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(properties.isCleanStart());
		options.setSessionExpiryInterval(properties.getSessionExpiry().toSeconds());
		options.setKeepAliveInterval((int) properties.getKeepAlive().toSeconds());
		options.setConnectionTimeout((int) Math.max(1, properties.getConnectionTimeout().toSeconds()));
		if (connectionDetails.getUsername() != null) {
			options.setUserName(connectionDetails.getUsername());
		}
		if (connectionDetails.getPassword() != null) {
			options.setPassword(connectionDetails.getPassword().getBytes(StandardCharsets.UTF_8));
		}
		SslBundle sslBundle = connectionDetails.getSslBundle();
		if (sslBundle != null) {
			applySslBundle(connectionDetails.getUrl(), sslBundle, options);
		}
		return options;
	}

	/**
	 * Connect through the bundle's SSLContext, with its protocols and ciphers, TCP_NODELAY on, and
	 * the broker's host name verified against its certificate (Paho's default; set explicitly so
	 * that it is visible here). A customizer may still change any of it.
	 */
	private static void applySslBundle(String url, SslBundle bundle, MqttConnectionOptions options) {
		if (!PahoMqttConnection.usesTls(url)) {
			throw new IllegalStateException("An SSL bundle is set (mqtt.ssl.bundle, or the MqttConnectionDetails "
					+ "bean's) but the broker URL '" + url + "' does not use TLS: use ssl:// (or wss://) in mqtt.url, "
					+ "or remove mqtt.ssl.bundle");
		}
		SslOptions sslOptions = bundle.getOptions();
		options.setSocketFactory(new TcpNoDelaySslSocketFactory(bundle.createSslContext().getSocketFactory(),
				sslOptions.getEnabledProtocols(), sslOptions.getCiphers()));
		options.setHttpsHostnameVerificationEnabled(true);
	}

	private static String defaultClientId(Environment environment) {
		String name = environment.getProperty("spring.application.name", "mqtt-rr");
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * An executor that outlives the connection: it takes tasks after the context starts closing
	 * (Spring's executors stop at the close event by default, which would drop requests delivered
	 * while the responders drain) and stops after the connection.
	 */
	private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setDaemon(true);
		executor.setAcceptTasksAfterContextClose(true);
		executor.setPhase(MqttConnection.PHASE - 50);
		return executor;
	}

}
