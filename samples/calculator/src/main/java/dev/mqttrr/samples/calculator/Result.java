package dev.mqttrr.samples.calculator;

import java.math.BigDecimal;

/**
 * A calculation result, sent as JSON: {@code {"expression":"6 * 7","value":42}}.
 *
 * @param expression the expression as received
 * @param value its value
 */
public record Result(String expression, BigDecimal value) {
}
