package dev.mqttrr.connection;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a health check reads about the session: since when it has been down and why. Written by
 * {@link MqttSession} under its lock, read from any thread.
 */
final class ConnectionStatus {

	private final Clock clock;

	private volatile @Nullable Instant downSince;

	private volatile @Nullable String lastFailure;

	ConnectionStatus(Clock clock) {
		this.clock = clock;
	}

	/** The session starts connecting: down from now on, unless it already was. */
	void starting() {
		if (this.downSince == null) {
			this.downSince = this.clock.instant();
		}
	}

	/** Connected: no longer down, and the failures before are over. */
	void connected() {
		this.downSince = null;
		this.lastFailure = null;
	}

	/** The connection was lost, or an attempt to make it failed. */
	void failed(String failure) {
		starting();
		this.lastFailure = failure;
	}

	/** Stopped on purpose: down, and no failure to tell. */
	void stopped() {
		this.downSince = this.clock.instant();
		this.lastFailure = null;
	}

	@Nullable Instant downSince() {
		return this.downSince;
	}

	@Nullable String lastFailure() {
		return this.lastFailure;
	}

}
