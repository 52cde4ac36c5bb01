package dev.mqttrr.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	@Test
	void aThreadBlockedAcrossAResetTakesASlotOfTheNewGenerationAndGivesItBack() throws Exception {
		AsyncPermits permits = new AsyncPermits(1);
		AsyncPermits.Permit held = permits.tryAcquire();
		assertThat(held).isNotNull();
		CompletableFuture<AsyncPermits.Permit> taken = new CompletableFuture<>();
		Thread blocked = new Thread(() -> {
			try {
				taken.complete(permits.acquire(10, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				taken.completeExceptionally(ex);
			}
		});
		blocked.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getState() == Thread.State.TIMED_WAITING);
		permits.reset(1);
		AsyncPermits.Permit permit = taken.get(5, TimeUnit.SECONDS);
		assertThat(permit).isNotNull();
		assertThat(permit.isCurrent()).isTrue();
		assertThat(permits.available()).isZero();
		permit.release();
		held.release();
		assertThat(permits.available()).isEqualTo(1);
	}

	@Test
	void tryAcquireRacingResetsEndsWithTheLimitFree() throws Exception {
		AsyncPermits permits = new AsyncPermits(4);
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				workers.add(threads.submit(() -> {
					while (!stop.get()) {
						AsyncPermits.Permit permit = permits.tryAcquire();
						if (permit != null) {
							permit.release();
						}
					}
				}));
			}
			for (int i = 0; i < 20_000; i++) {
				permits.reset(4);
			}
			stop.set(true);
			for (Future<?> worker : workers) {
				worker.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(permits.available()).isEqualTo(4);
	}

}
