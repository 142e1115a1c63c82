package io.shortlink.query.processing;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The bookkeeping behind a {@link ProcessorWatermark}: the ends of a processor's topics, as they stood at known times,
 * and the offsets it has handled and committed. Once the handled offsets reach the ends of time t, every record that
 * was on the topics at t is handled: the watermark moves to t. Ends still out of reach wait, the oldest first, so a
 * processor that never quite reaches the moving end of a busy topic still shows a watermark a little behind.
 */
final class Watermark {

    /** Ends kept waiting at most: at one a tick, this covers a processor that lags tens of seconds. */
    private static final int MAX_WAITING_ENDS = 256;

    private record Ends(long at, Map<TopicPartition, Long> offsets) {
    }

    private final Deque<Ends> waiting = new ArrayDeque<>();
    /** The last offset handled in each partition; offsets only ever go forward, so the highest one seen holds. */
    private final Map<TopicPartition, Long> handled = new HashMap<>();
    private volatile long heldAsOf;

    /** The topics' end offsets (the next offset each partition will give) as they stood at {@code at}, or later. */
    synchronized void endsAt(long at, Map<TopicPartition, Long> ends) {
        if (waiting.size() == MAX_WAITING_ENDS) {
            waiting.removeFirst();
        }
        waiting.addLast(new Ends(at, Map.copyOf(ends)));
        advance();
    }

    /** The last offset the processor has handled and committed in each partition it has seen records of. */
    synchronized void handled(Map<TopicPartition, Long> lastOffsets) {
        lastOffsets.forEach((partition, offset) -> handled.merge(partition, offset, Math::max));
        advance();
    }

    /** Epoch milliseconds: every record on the topics at that time is handled; 0 when unknown. */
    long heldAsOf() {
        return heldAsOf;
    }

    private void advance() {
        while (!waiting.isEmpty() && reached(waiting.peekFirst().offsets())) {
            heldAsOf = waiting.removeFirst().at();
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> handled.getOrDefault(end.getKey(), -1L) + 1 >= end.getValue());
    }
}
