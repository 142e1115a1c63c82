package io.shortlink.command.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Deadlines (link expiry, reservation lapse) are rows of db-scheduler's {@code scheduled_tasks} table, so they
 * survive restarts. Declaring the {@link Scheduler} here makes Axon's DbScheduler auto-configuration supply the
 * DbSchedulerDeadlineManager and its task beans; db-scheduler's own Spring Boot starter does not activate on
 * Boot 4, and Axon does not start the scheduler, so this configuration does both. See docs/adr/0021.
 */
@Configuration
class DeadlineSchedulerConfiguration {

    /**
     * Through a transaction-aware data source, a deadline is scheduled or cancelled in the same transaction that
     * stores the event asking for it: no deadline without its event, and none lost.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks,
                                @Value("${shortlink.deadlines.polling-interval}") Duration pollingInterval,
                                @Value("${shortlink.deadlines.threads}") int threads,
                                @Value("${shortlink.deadlines.shutdown-max-wait}") Duration shutdownMaxWait) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .pollingInterval(pollingInterval)
                .threads(threads)
                .shutdownMaxWait(shutdownMaxWait)
                .build();
    }

    /** Starts the scheduler after every other component (Axon's aggregates must be ready to take deadlines), stops it first. */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
