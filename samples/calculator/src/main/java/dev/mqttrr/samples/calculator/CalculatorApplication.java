package dev.mqttrr.samples.calculator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * JSON request/reply over MQTT 5: {@link Calculator} answers {@link Calculation} requests on
 * {@code services/calculator} with a {@link Result}, or with an error reply for bad input, which
 * {@link CalculatorClient} receives as {@code MqttResponderException}.
 */
@SpringBootApplication
public class CalculatorApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(CalculatorApplication.class, args);
		if (!"responder".equals(context.getEnvironment().getProperty("calculator.mode"))) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
