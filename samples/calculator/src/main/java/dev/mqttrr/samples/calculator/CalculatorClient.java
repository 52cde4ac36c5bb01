package dev.mqttrr.samples.calculator;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.mqttrr.core.MqttRequestOperations;
import dev.mqttrr.core.MqttResponderException;

/**
 * The requester: sends JSON calculations and prints results and error replies.
 */
@Component
@ConditionalOnExpression("'${calculator.mode:both}' != 'responder'")
class CalculatorClient implements ApplicationRunner {

	private static final List<String> EXPRESSIONS = List.of("6 * 7", "1.5 + 2.25", "10 / 4", "1 / 0", "two plus two");

	private final MqttRequestOperations mqtt;

	CalculatorClient(MqttRequestOperations mqtt) {
		this.mqtt = mqtt;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String expression : EXPRESSIONS) {
			System.out.println("request  services/calculator: " + expression);
			try {
				Result result = this.mqtt.requestAndConvert("services/calculator", new Calculation(expression),
						Result.class);
				System.out.println("reply    " + result.expression() + " = " + result.value().toPlainString());
			}
			catch (MqttResponderException ex) {
				System.out.println("error    " + ex.getTitle() + ": " + ex.getDetail());
			}
		}
	}

}
