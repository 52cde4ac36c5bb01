package dev.mqttrr.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;
import org.springframework.messaging.handler.annotation.MessageMappingReflectiveProcessor;

/**
 * Marks a bean method as the responder for an MQTT topic: the method receives each request on the
 * topic and its return value is published to the request's response topic, with the request's
 * correlation data.
 * <p>
 * Parameters: the payload as {@code byte[]}, {@code String} or an object converted by content type
 * (JSON by default); {@code @Header} parameters named in {@link dev.mqttrr.support.MqttHeaders};
 * {@code Message<?>}. Return: {@code byte[]}, {@code String}, an object (sent as JSON),
 * {@code Message<?>} (its headers become reply properties), or a {@code CompletableFuture} of one of
 * these; {@code void} or {@code null} sends no reply. An exception sends an error reply
 * ({@code application/problem+json}) that fails the caller with
 * {@link dev.mqttrr.core.MqttResponderException}.
 *
 * <pre class="code">
 * &#64;MqttResponder("services/translate")
 * String translate(String text) {
 *     return translator.translate(text);
 * }
 * </pre>
 * <p>
 * For native images, Spring's AOT processing registers each annotated method of a bean for
 * reflective invocation, and its payload, {@code Message<?>} and return types (also inside
 * {@code CompletableFuture}) for data binding, as it does for {@code @MessageMapping}.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(MessageMappingReflectiveProcessor.class)
public @interface MqttResponder {

	/**
	 * Alias for {@link #topic()}.
	 * @return the topic filter
	 */
	@AliasFor("topic")
	String value() default "";

	/**
	 * The topic filter to answer; wildcards and {@code ${...}} placeholders are allowed.
	 * @return the topic filter
	 */
	@AliasFor("value")
	String topic() default "";

	/**
	 * The QoS of the subscription and of the replies. At QoS 1 a request is acknowledged to the
	 * broker once its reply is sent, so a request that an instance received but had not answered
	 * when it stopped or crashed is delivered again (to a persistent session, or to another member
	 * of the group). QoS 2 is refused at start-up: Paho acknowledges it on receipt.
	 * @return the QoS, 0 or 1
	 */
	int qos() default 1;

	/**
	 * A shared-subscription group: when set, the subscription is {@code $share/<group>/<topic>}
	 * and the broker splits requests among all instances in the group. Placeholders are allowed.
	 * @return the group, empty for a plain subscription
	 */
	String group() default "";

}
