package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;

/**
 * The one place for MQTT topic rules: validation of topic names, topic filters and response
 * topics, and matching of a topic against a filter (shared-subscription prefix stripped).
 */
public final class MqttTopics {

	/** The prefix of a shared subscription filter: {@code $share/<group>/<filter>}. */
	public static final String SHARE_PREFIX = "$share/";

	private static final int MAX_LENGTH = 65535;

	private MqttTopics() {
	}

	/**
	 * Check a topic name used to publish: not empty, at most 65,535 UTF-8 bytes, no wildcards and
	 * no NUL character.
	 * @param topic the topic name
	 * @param what what the topic is, for the message (for example {@code "topic"})
	 * @return the topic
	 * @throws MqttInvalidTopicException if the topic breaks a rule
	 */
	public static String validateTopicName(String topic, String what) {
		checkLengthAndCharacters(topic, what);
		if (containsWildcard(topic)) {
			throw new MqttInvalidTopicException(topic, "'" + what + "' must not contain wildcards (+ or #): " + topic
					+ ". Publish to a concrete topic; wildcards belong in subscriptions only.");
		}
		return topic;
	}

	/**
	 * Check a response topic: the rules of {@link #validateTopicName(String, String)}, and no
	 * leading {@code $}: such topics are the broker's ({@code $SYS/...}) or not topic names at all
	 * ({@code $share/...} is a subscription filter), and responders refuse to answer there.
	 * @param responseTopic the response topic
	 * @return the response topic
	 * @throws MqttInvalidTopicException if the topic breaks a rule
	 */
	public static String validateResponseTopic(String responseTopic) {
		validateTopicName(responseTopic, "responseTopic");
		if (responseTopic.startsWith("$")) {
			throw new MqttInvalidTopicException(responseTopic, "'responseTopic' must not start with '$': "
					+ responseTopic + ". Topics starting with '$' belong to the broker ($SYS) or name shared "
					+ "subscriptions ($share); use a topic of your own, such as replies/<client>.");
		}
		return responseTopic;
	}

	/**
	 * Turn any string, such as a client id, into one topic level: {@code +}, {@code #} and
	 * {@code /} become {@code _}.
	 * @param value the string
	 * @return a topic level without wildcards or separators
	 */
	public static String asTopicLevel(String value) {
		return value.replace('+', '_').replace('#', '_').replace('/', '_');
	}

	/**
	 * Check a topic filter used to subscribe, with or without a {@code $share/<group>/} prefix:
	 * {@code #} only as the last level, {@code +} only as a whole level.
	 * @param filter the topic filter
	 * @param what what the filter is, for the message
	 * @return the filter
	 * @throws MqttInvalidTopicException if the filter breaks a rule
	 */
	public static String validateTopicFilter(String filter, String what) {
		checkLengthAndCharacters(filter, what);
		String plain = stripSharePrefix(filter);
		if (plain.isEmpty()) {
			throw new MqttInvalidTopicException(filter,
					"'" + what + "' must be $share/<group>/<filter> with a non-empty group and filter: " + filter);
		}
		String[] levels = plain.split("/", -1);
		for (int i = 0; i < levels.length; i++) {
			String level = levels[i];
			if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
				throw new MqttInvalidTopicException(filter,
						"'" + what + "' may use '#' only as the whole last level: " + filter);
			}
			if (level.contains("+") && !level.equals("+")) {
				throw new MqttInvalidTopicException(filter,
						"'" + what + "' may use '+' only as a whole level: " + filter);
			}
		}
		return filter;
	}

	/**
	 * Return the shared-subscription filter for a group, or the filter itself when the group is
	 * empty.
	 * @param group the share group, may be empty
	 * @param filter the topic filter
	 * @return {@code $share/<group>/<filter>} or {@code filter}
	 */
	public static String sharedFilter(String group, String filter) {
		if (group.isEmpty()) {
			return filter;
		}
		if (group.indexOf('/') >= 0 || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
			throw new MqttInvalidTopicException(group, "'group' must not contain '/', '+' or '#': " + group);
		}
		return SHARE_PREFIX + group + "/" + filter;
	}

	/**
	 * Remove a {@code $share/<group>/} prefix: the broker delivers shared messages under their
	 * plain topic, so routing matches against the plain filter.
	 * @param filter the filter
	 * @return the filter without its share prefix
	 */
	public static String stripSharePrefix(String filter) {
		if (!filter.startsWith(SHARE_PREFIX)) {
			return filter;
		}
		int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
		return (groupEnd < 0) ? "" : filter.substring(groupEnd + 1);
	}

	/**
	 * Return whether a topic name matches a topic filter, following MQTT 5 section 4.7: {@code +}
	 * matches one level, {@code #} the rest (including the parent level), and filters starting with
	 * a wildcard do not match topics starting with {@code $}.
	 * @param filter the topic filter, optionally with a share prefix
	 * @param topic the topic name
	 * @return whether the topic matches
	 */
	public static boolean matches(String filter, String topic) {
		String plain = stripSharePrefix(filter);
		if (!containsWildcard(plain)) {
			return plain.equals(topic);
		}
		if (topic.startsWith("$") && (plain.startsWith("+") || plain.startsWith("#"))) {
			return false;
		}
		int f = 0;
		int t = 0;
		while (f < plain.length()) {
			char c = plain.charAt(f);
			if (c == '#') {
				return true;
			}
			if (c == '+') {
				while (t < topic.length() && topic.charAt(t) != '/') {
					t++;
				}
				f++;
			}
			else {
				if (t >= topic.length() || topic.charAt(t) != c) {
					// "a/#" also matches "a": the filter's "/#" may stand for nothing.
					return t == topic.length() && plain.startsWith("/#", f);
				}
				f++;
				t++;
			}
		}
		return t == topic.length();
	}

	/**
	 * Return whether some topic name matches both filters, share prefixes stripped: {@code a/+}
	 * and {@code a/#} overlap, {@code a/+} and {@code b/#} do not.
	 * @param first a topic filter
	 * @param second another topic filter
	 * @return whether the filters overlap
	 */
	public static boolean overlap(String first, String second) {
		String[] a = stripSharePrefix(first).split("/", -1);
		String[] b = stripSharePrefix(second).split("/", -1);
		int level = 0;
		for (; level < a.length && level < b.length; level++) {
			if (a[level].equals("#") || b[level].equals("#")) {
				return true;
			}
			if (!a[level].equals("+") && !b[level].equals("+") && !a[level].equals(b[level])) {
				return false;
			}
		}
		if (a.length == b.length) {
			return true;
		}
		// "a/#" also matches "a": the longer one may end in a "#" that stands for nothing.
		String[] longer = (a.length > b.length) ? a : b;
		return longer.length == level + 1 && longer[level].equals("#");
	}

	private static boolean containsWildcard(String topic) {
		return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
	}

	private static void checkLengthAndCharacters(String topic, String what) {
		if (topic == null || topic.isEmpty()) {
			throw new MqttInvalidTopicException(String.valueOf(topic), "'" + what + "' must not be empty");
		}
		if (topic.indexOf('\u0000') >= 0) {
			throw new MqttInvalidTopicException(topic, "'" + what + "' must not contain the NUL character");
		}
		if (topic.length() > MAX_LENGTH / 3 && topic.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
			throw new MqttInvalidTopicException(topic.substring(0, 64) + "...",
					"'" + what + "' must be at most 65535 bytes in UTF-8, but is "
							+ topic.getBytes(StandardCharsets.UTF_8).length + " bytes");
		}
	}

}
