package dev.mqttrr.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublishPropertiesTests {

	@Test
	void correlationDataIsCopiedInAndOut() {
		byte[] given = { 1, 2 };
		PublishProperties properties = PublishProperties.builder().correlationData(given).build();
		given[0] = 9;
		byte[] read = properties.correlationData();
		read[1] = 9;
		assertThat(properties.correlationData()).containsExactly(1, 2);
	}

	@Test
	void replyPropertiesCarryTheContentTypeAndACopyOfTheCorrelationData() {
		byte[] correlationData = { 1, 2 };
		PublishProperties properties = PublishProperties.ofReply("text/plain", correlationData);
		correlationData[0] = 9;
		assertThat(properties).isEqualTo(PublishProperties.builder()
			.contentType("text/plain")
			.correlationData(new byte[] { 1, 2 })
			.build());
	}

	@Test
	void userPropertiesKeepOrderAndRepeatedNames() {
		PublishProperties properties = PublishProperties.builder()
			.userProperty("a", "1")
			.userProperty("b", "2")
			.userProperty("a", "3")
			.build();
		assertThat(properties.userProperty("a")).containsExactly("1", "3");
		assertThat(properties.toBuilder().build()).isEqualTo(properties);
	}

	@Test
	void expiryMustFitFourBytes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PublishProperties.builder().messageExpiryInterval(-1L));
	}

}
