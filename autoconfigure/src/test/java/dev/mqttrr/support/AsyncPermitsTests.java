package dev.mqttrr.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncPermitsTests {

	@Test
	void waiterGetsTheSlotWhenOneIsReleased() {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit first = permits.acquire().join();
		CompletableFuture<AsyncPermits.Permit> second = permits.acquire();
		assertThat(second).isNotDone();
		first.release();
		assertThat(second).isCompleted();
		assertThat(permits.available()).isZero();
	}

	@Test
	void releasingTwiceFreesOneSlot() {
		AsyncPermits permits = new AsyncPermits(2);
		AsyncPermits.Permit permit = permits.acquire().join();
		permit.release();
		permit.release();
		assertThat(permits.available()).isEqualTo(2);
	}

	@Test
	void cancelledWaiterLeavesTheQueueAndTheSlotGoesToTheNext() {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit held = permits.acquire().join();
		CompletableFuture<AsyncPermits.Permit> gaveUp = permits.acquire();
		CompletableFuture<AsyncPermits.Permit> patient = permits.acquire();
		gaveUp.cancel(false);
		assertThat(permits.waiting()).isEqualTo(1);
		held.release();
		assertThat(patient).isCompleted();
	}

	@Test
	void resetForgetsPermitsOfTheOldGeneration() {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit lost = permits.acquire().join();
		CompletableFuture<AsyncPermits.Permit> waiting = permits.acquire();
		permits.reset(3);
		assertThat(waiting).isCompleted();
		assertThat(permits.available()).isEqualTo(2);
		lost.release();
		assertThat(permits.available()).isEqualTo(2);
		assertThat(permits.limit()).isEqualTo(3);
	}

	@Test
	void tryAcquireTakesAFreeSlotButDoesNotJumpTheQueue() {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit first = permits.tryAcquire();
		assertThat(first).isNotNull();
		assertThat(permits.tryAcquire()).isNull();
		CompletableFuture<AsyncPermits.Permit> waiting = permits.acquire();
		first.release();
		assertThat(waiting).isCompleted();
		assertThat(permits.tryAcquire()).isNull();
	}

	@Test
	void blockedThreadTakesAReleasedSlot() {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit held = permits.tryAcquire();
		CompletableFuture<AsyncPermits.Permit> blocked = CompletableFuture.supplyAsync(() -> {
			try {
				return permits.acquire(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(blocked).isNotDone();
		held.release();
		assertThat(blocked.join()).isNotNull();
		assertThat(permits.available()).isZero();
	}

	@Test
	void blockedThreadGivesUpWhenNoSlotFreesInTime() throws InterruptedException {
		AsyncPermits permits = new AsyncPermits(1);
		assertThat(permits.tryAcquire()).isNotNull();
		assertThat(permits.acquire(20, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void releasedSlotGoesToAWaitingFutureBeforeTheSemaphore() throws InterruptedException {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit held = permits.tryAcquire();
		CompletableFuture<AsyncPermits.Permit> waiting = permits.acquire();
		held.release();
		assertThat(waiting).isCompleted();
		assertThat(permits.acquire(1, TimeUnit.MILLISECONDS)).isNull();
		waiting.join().release();
		assertThat(permits.acquire(1, TimeUnit.MILLISECONDS)).isNotNull();
	}

}
