package dev.mqttrr.samples.calculator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.mqttrr.annotation.MqttResponder;

/**
 * The responder. Bad input throws, and the starter turns the exception into an error reply.
 */
@Component
@ConditionalOnExpression("'${calculator.mode:both}' != 'requester'")
class Calculator {

	private static final Pattern EXPRESSION = Pattern
		.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*([-+*/])\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

	@MqttResponder("services/calculator")
	Result calculate(Calculation calculation) {
		Matcher matcher = EXPRESSION.matcher(calculation.expression());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Cannot parse '" + calculation.expression()
					+ "': expected <number> <+|-|*|/> <number>, such as 6 * 7");
		}
		BigDecimal left = new BigDecimal(matcher.group(1));
		BigDecimal right = new BigDecimal(matcher.group(3));
		BigDecimal value = switch (matcher.group(2)) {
			case "+" -> left.add(right);
			case "-" -> left.subtract(right);
			case "*" -> left.multiply(right);
			default -> divide(left, right);
		};
		return new Result(calculation.expression(), value.stripTrailingZeros());
	}

	private static BigDecimal divide(BigDecimal left, BigDecimal right) {
		if (right.signum() == 0) {
			throw new ArithmeticException("Division by zero");
		}
		return left.divide(right, MathContext.DECIMAL64);
	}

}
