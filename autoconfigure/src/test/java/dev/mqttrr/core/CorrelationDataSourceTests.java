package dev.mqttrr.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationDataSourceTests {

	@Test
	void everyValueIsNewAndSixteenBytes() {
		CorrelationDataSource source = new CorrelationDataSource();
		Set<ByteBuffer> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			byte[] next = source.next();
			assertThat(next).hasSize(CorrelationDataSource.LENGTH);
			assertThat(seen.add(ByteBuffer.wrap(next))).as("value %d is new", i).isTrue();
		}
	}

	@Test
	void sourcesStartFromDifferentRandomPrefixes() {
		byte[] first = new CorrelationDataSource().next();
		byte[] second = new CorrelationDataSource().next();
		// Both count from 1: only the random prefix tells them apart (equal with chance 2^-64).
		assertThat(Arrays.copyOfRange(first, 8, 16)).isEqualTo(Arrays.copyOfRange(second, 8, 16));
		assertThat(Arrays.copyOf(first, 8)).isNotEqualTo(Arrays.copyOf(second, 8));
	}

}
