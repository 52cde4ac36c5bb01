package dev.mqttrr.responder;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Checks of an endpoint made when it is declared, before anything is subscribed.
 */
class MqttResponderEndpointTests {

	/**
	 * Paho sends PUBREC for a QoS 2 message on receipt whatever its manual-ack setting: a QoS 2
	 * request could not be left with the broker when the responder stops before answering it.
	 */
	@Test
	void qos2IsRefusedWithTheReasonAndWhatToUseInstead() throws Exception {
		Method method = Responder.class.getDeclaredMethod("echo", String.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MqttResponderEndpoint(new Responder(), method, "svc/echo", 2, ""))
			.withMessageContaining("Responder.echo")
			.withMessageContaining("qos 2 is not supported; use 1 (the default) or 0");
		assertThatNoException().isThrownBy(() -> new MqttResponderEndpoint(new Responder(), method, "svc/echo", 1, ""));
		assertThatNoException().isThrownBy(() -> new MqttResponderEndpoint(new Responder(), method, "svc/echo", 0, ""));
	}

	static class Responder {

		String echo(String request) {
			return request;
		}

	}

}
