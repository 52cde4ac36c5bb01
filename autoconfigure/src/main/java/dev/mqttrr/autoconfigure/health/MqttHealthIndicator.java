package dev.mqttrr.autoconfigure.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

/**
 * The health of the MQTT connection: {@code UP} when it is connected and the broker granted every
 * responder subscription, {@code DOWN} otherwise, with the reason. Reads state the connection and
 * the responder registry keep; it sends nothing to the broker.
 * <p>
 * Details: {@code url} (the broker, without user info or query), {@code clientId},
 * {@code pendingRequests} (requests waiting for replies), {@code responders} (registered
 * {@code @MqttResponder} methods); when down, {@code reason}, and as they apply
 * {@code disconnectedSince}, {@code lastError} and {@code refusedSubscriptions} (filter to the
 * broker's reason).
 */
public class MqttHealthIndicator extends AbstractHealthIndicator {

	private final MqttConnection connection;

	private final @Nullable MqttRequestTemplate template;

	private final @Nullable MqttResponderEndpointRegistry registry;

	/**
	 * Create an indicator.
	 * @param connection the connection
	 * @param template the request template, for its pending requests, or {@code null}
	 * @param registry the responder registry, for its responders and their subscriptions, or
	 * {@code null}
	 */
	public MqttHealthIndicator(MqttConnection connection, @Nullable MqttRequestTemplate template,
			@Nullable MqttResponderEndpointRegistry registry) {
		super("MQTT health check failed");
		this.connection = connection;
		this.template = template;
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", withoutCredentials(this.connection.getServerUri()))
			.withDetail("clientId", this.connection.getClientId());
		if (this.template != null) {
			builder.withDetail("pendingRequests", this.template.getPendingRequestCount());
		}
		if (this.registry != null) {
			builder.withDetail("responders", this.registry.getEndpoints().size());
		}
		boolean connected = this.connection.isConnected();
		Map<String, String> refused = (this.registry != null) ? this.registry.getRefusedSubscriptions() : Map.of();
		if (connected && refused.isEmpty()) {
			builder.up();
			return;
		}
		builder.down();
		if (!connected) {
			disconnected(builder);
		}
		else {
			builder.withDetail("reason", "the broker refused " + refused.size() + " responder subscription"
					+ ((refused.size() == 1) ? "" : "s"));
		}
		if (!refused.isEmpty()) {
			builder.withDetail("refusedSubscriptions", refused);
		}
	}

	private void disconnected(Health.Builder builder) {
		Instant since = this.connection.getDisconnectedSince();
		String failure = this.connection.getLastConnectionFailure();
		builder.withDetail("reason", "not connected to the broker");
		if (since != null) {
			builder.withDetail("disconnectedSince", since.toString());
		}
		if (failure != null) {
			builder.withDetail("lastError", failure);
		}
	}

	/**
	 * Return the URL without user info and query, where a WebSocket URL may carry credentials or
	 * a token; unchanged when it does not parse.
	 */
	static String withoutCredentials(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
				return url;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException ex) {
			return url;
		}
	}

}
