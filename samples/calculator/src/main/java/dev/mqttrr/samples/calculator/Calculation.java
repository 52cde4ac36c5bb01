package dev.mqttrr.samples.calculator;

/**
 * A calculation request, sent as JSON: {@code {"expression":"6 * 7"}}.
 *
 * @param expression a number, an operator ({@code + - * /}) and a number
 */
public record Calculation(String expression) {
}
