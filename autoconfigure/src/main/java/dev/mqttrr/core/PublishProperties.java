package dev.mqttrr.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The MQTT 5 properties of a published message that request/response cares about. Immutable;
 * build with {@link #builder()} or copy with {@link #toBuilder()}.
 */
public final class PublishProperties {

	private static final PublishProperties EMPTY = new Builder().build();

	private final @Nullable String contentType;

	private final @Nullable String responseTopic;

	private final byte @Nullable [] correlationData;

	private final @Nullable Long messageExpiryInterval;

	private final @Nullable Boolean payloadFormatIndicator;

	private final List<UserProperty> userProperties;

	private PublishProperties(Builder builder) {
		// The builder copied the correlation data on the way in and never changes it in place: no
		// second copy.
		this(builder.contentType, builder.responseTopic, builder.correlationData, builder.messageExpiryInterval,
				builder.payloadFormatIndicator, List.copyOf(builder.userProperties));
	}

	private PublishProperties(@Nullable String contentType, @Nullable String responseTopic,
			byte @Nullable [] correlationData, @Nullable Long messageExpiryInterval,
			@Nullable Boolean payloadFormatIndicator, List<UserProperty> userProperties) {
		this.contentType = contentType;
		this.responseTopic = responseTopic;
		this.correlationData = correlationData;
		this.messageExpiryInterval = messageExpiryInterval;
		this.payloadFormatIndicator = payloadFormatIndicator;
		this.userProperties = userProperties;
	}

	/**
	 * Return the properties of a reply: a content type and the request's correlation data, nothing
	 * else. The shortcut for the most common reply, without a builder.
	 * @param contentType the content type
	 * @param correlationData the request's correlation data (copied), or {@code null}
	 * @return the properties
	 */
	public static PublishProperties ofReply(String contentType, byte @Nullable [] correlationData) {
		return new PublishProperties(contentType, null, (correlationData != null) ? correlationData.clone() : null,
				null, null, List.of());
	}

	/**
	 * Return these properties with a response topic, correlation data and, unless they have one,
	 * a message expiry, for a request: no builder, and correlation data the template made itself or
	 * took from properties like these is not copied again.
	 */
	PublishProperties withRequestTarget(String responseTopic, byte[] correlationData, long expirySeconds) {
		Long expiry = (this.messageExpiryInterval != null) ? this.messageExpiryInterval : expirySeconds;
		return new PublishProperties(this.contentType, responseTopic, correlationData, expiry,
				this.payloadFormatIndicator, this.userProperties);
	}

	/**
	 * Return properties with nothing set.
	 * @return the empty properties
	 */
	public static PublishProperties empty() {
		return EMPTY;
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder initialised with these properties.
	 * @return the builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.contentType = this.contentType;
		builder.responseTopic = this.responseTopic;
		builder.correlationData = this.correlationData;
		builder.messageExpiryInterval = this.messageExpiryInterval;
		builder.payloadFormatIndicator = this.payloadFormatIndicator;
		builder.userProperties.addAll(this.userProperties);
		return builder;
	}

	/**
	 * Return the content type, a MIME type such as {@code application/json}.
	 * @return the content type, or {@code null}
	 */
	public @Nullable String contentType() {
		return this.contentType;
	}

	/**
	 * Return the topic the receiver should publish its reply to.
	 * @return the response topic, or {@code null}
	 */
	public @Nullable String responseTopic() {
		return this.responseTopic;
	}

	/**
	 * Return a copy of the correlation data that ties a reply to its request.
	 * @return the correlation data, or {@code null}
	 */
	public byte @Nullable [] correlationData() {
		return (this.correlationData != null) ? this.correlationData.clone() : null;
	}

	/**
	 * Return the message expiry interval in seconds.
	 * @return the interval, or {@code null}
	 */
	public @Nullable Long messageExpiryInterval() {
		return this.messageExpiryInterval;
	}

	/**
	 * Return whether the payload is declared UTF-8 text ({@code true}) or bytes ({@code false}).
	 * @return the payload format indicator, or {@code null} when absent
	 */
	public @Nullable Boolean payloadFormatIndicator() {
		return this.payloadFormatIndicator;
	}

	/**
	 * Return the user properties in order; names may repeat.
	 * @return an unmodifiable list, empty when there are none
	 */
	public List<UserProperty> userProperties() {
		return this.userProperties;
	}

	/**
	 * Return the values of the user properties with the given name, in order.
	 * @param name the property name
	 * @return the values, empty when there are none
	 */
	public List<String> userProperty(String name) {
		return this.userProperties.stream().filter((property) -> property.name().equals(name))
			.map(UserProperty::value).toList();
	}

	boolean hasCorrelationData() {
		return this.correlationData != null;
	}

	byte @Nullable [] correlationDataUnsafe() {
		return this.correlationData;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof PublishProperties that
				&& Objects.equals(this.contentType, that.contentType)
				&& Objects.equals(this.responseTopic, that.responseTopic)
				&& Arrays.equals(this.correlationData, that.correlationData)
				&& Objects.equals(this.messageExpiryInterval, that.messageExpiryInterval)
				&& Objects.equals(this.payloadFormatIndicator, that.payloadFormatIndicator)
				&& this.userProperties.equals(that.userProperties));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.contentType, this.responseTopic, Arrays.hashCode(this.correlationData),
				this.messageExpiryInterval, this.payloadFormatIndicator, this.userProperties);
	}

	@Override
	public String toString() {
		return "PublishProperties[contentType=" + this.contentType + ", responseTopic=" + this.responseTopic
				+ ", correlationData=" + ((this.correlationData != null) ? this.correlationData.length + " bytes" : null)
				+ ", messageExpiryInterval=" + this.messageExpiryInterval + ", payloadFormatIndicator="
				+ this.payloadFormatIndicator + ", userProperties=" + this.userProperties + "]";
	}

	/**
	 * Builder for {@link PublishProperties}.
	 */
	public static final class Builder {

		private @Nullable String contentType;

		private @Nullable String responseTopic;

		private byte @Nullable [] correlationData;

		private @Nullable Long messageExpiryInterval;

		private @Nullable Boolean payloadFormatIndicator;

		private final List<UserProperty> userProperties = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Set the content type.
		 * @param contentType a MIME type, or {@code null} to clear it
		 * @return this builder
		 */
		public Builder contentType(@Nullable String contentType) {
			this.contentType = contentType;
			return this;
		}

		/**
		 * Set the response topic.
		 * @param responseTopic the topic replies go to, or {@code null} to clear it
		 * @return this builder
		 */
		public Builder responseTopic(@Nullable String responseTopic) {
			this.responseTopic = responseTopic;
			return this;
		}

		/**
		 * Set the correlation data; the array is copied.
		 * @param correlationData the correlation data, or {@code null} to clear it
		 * @return this builder
		 */
		public Builder correlationData(byte @Nullable [] correlationData) {
			this.correlationData = (correlationData != null) ? correlationData.clone() : null;
			return this;
		}

		/**
		 * Set the message expiry interval in seconds.
		 * @param seconds the interval, or {@code null} to clear it
		 * @return this builder
		 */
		public Builder messageExpiryInterval(@Nullable Long seconds) {
			Assert.isTrue(seconds == null || (seconds >= 0 && seconds <= 0xFFFFFFFFL),
					() -> "'messageExpiryInterval' must be between 0 and 4294967295 seconds: " + seconds);
			this.messageExpiryInterval = seconds;
			return this;
		}

		/**
		 * Set the payload format indicator.
		 * @param utf8 {@code true} for UTF-8 text, {@code false} for bytes, {@code null} to clear it
		 * @return this builder
		 */
		public Builder payloadFormatIndicator(@Nullable Boolean utf8) {
			this.payloadFormatIndicator = utf8;
			return this;
		}

		/**
		 * Add a user property after those already added; names may repeat.
		 * @param name the property name
		 * @param value the property value
		 * @return this builder
		 */
		public Builder userProperty(String name, String value) {
			this.userProperties.add(new UserProperty(name, value));
			return this;
		}

		/**
		 * Replace the user properties.
		 * @param userProperties the user properties, in order
		 * @return this builder
		 */
		public Builder userProperties(List<UserProperty> userProperties) {
			this.userProperties.clear();
			this.userProperties.addAll(userProperties);
			return this;
		}

		/**
		 * Build the immutable properties.
		 * @return the properties
		 */
		public PublishProperties build() {
			return new PublishProperties(this);
		}

	}

}
