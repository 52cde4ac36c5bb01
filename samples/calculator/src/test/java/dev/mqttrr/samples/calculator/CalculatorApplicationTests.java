package dev.mqttrr.samples.calculator;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.mqttrr.core.MqttRequestOperations;
import dev.mqttrr.core.MqttResponderException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The calculator sample on the embedded broker: JSON both ways, error replies for bad input.
 */
@SpringBootTest(properties = "mqtt.embedded.port=0")
@ExtendWith(OutputCaptureExtension.class)
class CalculatorApplicationTests {

	@Autowired
	private MqttRequestOperations mqtt;

	@Test
	void printsResultsAndErrors(CapturedOutput output) {
		assertThat(output).contains("reply    6 * 7 = 42")
			.contains("reply    10 / 4 = 2.5")
			.contains("error    ArithmeticException: Division by zero")
			.contains("error    IllegalArgumentException: Cannot parse 'two plus two'");
	}

	@Test
	void calculatesWithJsonTypes() {
		Result result = this.mqtt.requestAndConvert("services/calculator", new Calculation("1.5 + 2.25"),
				Result.class);
		assertThat(result.value()).isEqualByComparingTo(new BigDecimal("3.75"));
		assertThat(result.expression()).isEqualTo("1.5 + 2.25");
	}

	@Test
	void divisionByZeroIsAnErrorReply() {
		assertThatExceptionOfType(MqttResponderException.class)
			.isThrownBy(() -> this.mqtt.requestAndConvert("services/calculator", new Calculation("1 / 0"),
					Result.class))
			.satisfies((ex) -> {
				assertThat(ex.getTitle()).isEqualTo("ArithmeticException");
				assertThat(ex.getDetail()).isEqualTo("Division by zero");
			});
	}

}
