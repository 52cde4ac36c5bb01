package dev.mqttrr.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.mqttrr.core.MqttConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The responder and reply executors: platform threads by default, virtual threads with
 * {@code spring.threads.virtual.enabled=true} on Java 21 and later; the responder executor bounded
 * by {@code mqtt.responder.concurrency} either way, and both taking tasks after the context began
 * to close, since requests still arrive while the responders drain.
 */
class MqttExecutorsTests {

	private static final String VIRTUAL = "spring.threads.virtual.enabled=true";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.url=tcp://127.0.0.1:1", "mqtt.auto-startup=false", "mqtt.responder.concurrency=3");

	@Test
	void withVirtualThreadsEnabledBothExecutorsRunTasksOnVirtualThreads() {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
		this.contextRunner.withPropertyValues(VIRTUAL).run((context) -> {
			Thread responder = threadOf(responderExecutor(context));
			Thread reply = threadOf(replyExecutor(context));
			assertThat(isVirtual(responder)).as("responder thread %s is virtual", responder).isTrue();
			assertThat(responder.getName()).startsWith("mqtt-rr-responder-");
			assertThat(isVirtual(reply)).as("reply thread %s is virtual", reply).isTrue();
			assertThat(reply.getName()).startsWith("mqtt-rr-reply-");
		});
	}

	@Test
	void withVirtualThreadsEnabledTheResponderExecutorKeepsItsConcurrency() {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
		this.contextRunner.withPropertyValues(VIRTUAL).run((context) -> assertRunsAtMostThreeAtOnce(context));
	}

	@Test
	void byDefaultBothExecutorsRunTasksOnPlatformThreads() {
		this.contextRunner.run((context) -> {
			assertThat(isVirtual(threadOf(responderExecutor(context)))).isFalse();
			assertThat(isVirtual(threadOf(replyExecutor(context)))).isFalse();
			assertRunsAtMostThreeAtOnce(context);
		});
	}

	@Test
	void beforeJava21TheVirtualThreadsPropertyLeavesPlatformThreads() {
		assumeTrue(Runtime.version().feature() < 21, "only Java 17 to 20 lack virtual threads");
		this.contextRunner.withPropertyValues(VIRTUAL).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(isVirtual(threadOf(responderExecutor(context)))).isFalse();
		});
	}

	@Test
	void withVirtualThreadsEnabledBothExecutorsTakeTasksAfterTheContextBeganToClose() {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
		this.contextRunner.withPropertyValues(VIRTUAL).run(MqttExecutorsTests::assertTakesTasksAfterCloseEvent);
	}

	@Test
	void byDefaultBothExecutorsTakeTasksAfterTheContextBeganToClose() {
		this.contextRunner.run(MqttExecutorsTests::assertTakesTasksAfterCloseEvent);
	}

	private static void assertTakesTasksAfterCloseEvent(AssertableApplicationContext context) throws Exception {
		ThreadPoolTaskExecutor responders = context.getBean(MqttAutoConfiguration.RESPONDER_EXECUTOR_BEAN_NAME,
				ThreadPoolTaskExecutor.class);
		// Stopped after the connection, whose stop may still hand requests and failures to it.
		assertThat(responders.getPhase()).isLessThan(MqttConnection.PHASE);
		context.getSourceApplicationContext().publishEvent(new ContextClosedEvent(context.getSourceApplicationContext()));
		assertThat(threadOf(responderExecutor(context))).isNotNull();
		assertThat(threadOf(replyExecutor(context))).isNotNull();
	}

	private static void assertRunsAtMostThreeAtOnce(AssertableApplicationContext context) throws Exception {
		ThreadPoolTaskExecutor executor = context.getBean(MqttAutoConfiguration.RESPONDER_EXECUTOR_BEAN_NAME,
				ThreadPoolTaskExecutor.class);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(6);
		for (int i = 0; i < 6; i++) {
			executor.execute(() -> {
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				done.countDown();
			});
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> executor.getActiveCount() == 3 && executor.getThreadPoolExecutor().getQueue().size() == 3);
		release.countDown();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
	}

	private static Executor responderExecutor(AssertableApplicationContext context) {
		return context.getBean(MqttAutoConfiguration.RESPONDER_EXECUTOR_BEAN_NAME, Executor.class);
	}

	private static Executor replyExecutor(AssertableApplicationContext context) {
		return context.getBean(MqttAutoConfiguration.REPLY_EXECUTOR_BEAN_NAME, Executor.class);
	}

	private static Thread threadOf(Executor executor) throws Exception {
		CompletableFuture<Thread> thread = new CompletableFuture<>();
		executor.execute(() -> thread.complete(Thread.currentThread()));
		return thread.get(10, TimeUnit.SECONDS);
	}

	/** {@code Thread.isVirtual()}, which Java 17, the baseline this compiles for, does not have. */
	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
