package io.shortlink.query.kafka;

import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;

import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded buffer between the Kafka fetcher and an event stream that hands the records on in the order they were
 * fetched. The Kafka extension's own {@code SortedKafkaMessageBuffer} sorts them by timestamp instead, but it gives each
 * record a tracking token that covers every record fetched before it: over several topics (the link events and the
 * clicks), a record handed on early by its timestamp carries a token that covers records still waiting in the buffer.
 * A processor that stores such a token skips those records after a restart, and a replay that compares tokens stops
 * short of them or never sees itself level. In fetch order each token covers exactly the records handed on before it.
 */
final class FetchOrderBuffer<E> implements Buffer<E> {

    private static final long WAIT_SLICE_MILLIS = 100;

    private final BlockingQueue<E> queue;
    private final int capacity;
    private final AtomicReference<RuntimeException> fetchFailure = new AtomicReference<>();

    FetchOrderBuffer(int capacity) {
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public void put(E record) throws InterruptedException {
        queue.put(record);
    }

    @Override
    public void putAll(Collection<E> records) throws InterruptedException {
        for (E record : records) {
            queue.put(record);
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        throwIfFetchFailed();
        return queue.poll(timeout, unit);
    }

    @Override
    public E take() throws InterruptedException {
        while (true) {
            E record = poll(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            if (record != null) {
                return record;
            }
        }
    }

    @Override
    public E peek() {
        throwIfFetchFailed();
        return queue.peek();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return capacity - queue.size();
    }

    @Override
    public void clear() {
        queue.clear();
    }

    /** The fetcher failed: the stream's reader gets the failure on its next read instead of waiting for ever. */
    @Override
    public void setException(RuntimeException failure) {
        fetchFailure.set(failure);
    }

    private void throwIfFetchFailed() {
        RuntimeException failure = fetchFailure.get();
        if (failure != null) {
            throw failure;
        }
    }
}
