package dev.mqttrr.samples.translate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.mqttrr.annotation.MqttResponder;

/**
 * The responder: translates English to French, word by word, from a tiny dictionary.
 */
@Component
@ConditionalOnExpression("'${translate.mode:both}' != 'requester'")
class Translator {

	private static final Map<String, String> DICTIONARY = Map.of("hello", "bonjour", "world", "monde", "good",
			"bon", "morning", "matin", "the", "le", "cat", "chat", "sleeps", "dort", "thank", "merci", "you", "");

	@MqttResponder("services/translate")
	String translate(String english) {
		return Arrays.stream(english.toLowerCase(Locale.ROOT).split("\\s+"))
			.map((word) -> DICTIONARY.getOrDefault(word, word))
			.filter((word) -> !word.isEmpty())
			.collect(Collectors.joining(" "));
	}

}
