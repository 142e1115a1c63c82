package io.shortlink.query.click;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The clicks of answered redirects on their way to Kafka, in memory-mapped files of a local directory (docs/adr/0044):
 * what a request thread appends is in the operating system's page cache at once, so a killed process loses none of
 * it; the next start hands it to Kafka. (A power loss can lose what the kernel had not written yet; that is not
 * guarded against.)
 * <p>
 * Positions are byte offsets in an endless log cut into segment files of {@link #SEGMENT_BYTES}. A record is an
 * {@code int} length and that many bytes, the length written after the bytes: a length of 0 is where appends stopped,
 * -1 ends a segment. The publisher acknowledges a position once Kafka holds everything before it; it is kept in a
 * small mapped file beside the segments (with the spool's id and when the records after it were first sent), and segments wholly
 * before it are deleted. Appends beyond
 * {@code capacity} bytes of unacknowledged clicks are refused.
 */
final class ClickSpool implements AutoCloseable {

    static final int SEGMENT_BYTES = 64 << 20;
    private static final String SEGMENT_SUFFIX = ".spool";
    private static final int END_OF_SEGMENT = -1;

    private final Path directory;
    private final long capacity;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final MappedByteBuffer header;
    private final long id;
    private final ConcurrentSkipListMap<Long, MappedByteBuffer> segments = new ConcurrentSkipListMap<>();
    private volatile long acknowledged;
    /** Where the next record goes; written by appends under the lock, read by the publisher. */
    private volatile long end;
    private volatile long records;
    private MappedByteBuffer appendSegment;
    private long appendSegmentIndex;

    /** Opens the spool in {@code directory}, creating it when missing, and finds where the appends of the last run stopped. */
    ClickSpool(Path directory, long capacity) {
        this.directory = directory;
        this.capacity = capacity;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel);
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("The click spool " + directory + " is in use by another process: "
                        + "each query-side instance needs a directory of its own (shortlink.clicks.spool-dir)");
            }
            header = map(directory.resolve("acknowledged"), Long.BYTES * 3);
            if (header.getLong(0) == 0) {
                header.putLong(0, new SecureRandom().nextLong() | 1);
            }
            id = header.getLong(0);
            acknowledged = header.getLong(Long.BYTES);
            for (Long segment : existingSegments()) {
                if (segment < acknowledged / SEGMENT_BYTES) {
                    Files.delete(segmentFile(segment));
                } else {
                    segments.put(segment, map(segmentFile(segment), SEGMENT_BYTES));
                }
            }
            long[] found = {0};
            end = scan(acknowledged, Long.MAX_VALUE, Long.MAX_VALUE, (position, bytes) -> found[0]++);
            records = found[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the click spool in " + directory, e);
        }
    }

    /** Names this spool in the records it sends: where a record came from, after a restart. */
    long id() {
        return id;
    }

    /**
     * Appends one record, unless the spool already holds {@code capacity} bytes that Kafka has not acknowledged.
     *
     * @return whether the record was appended
     */
    synchronized boolean append(byte[] bytes, int length) {
        long position = end;
        if (position - acknowledged + Integer.BYTES + length > capacity) {
            return false;
        }
        int offset = (int) (position % SEGMENT_BYTES);
        if (offset + 2 * Integer.BYTES + length > SEGMENT_BYTES) {
            appending(position).putInt(offset, END_OF_SEGMENT);
            position = (position / SEGMENT_BYTES + 1) * SEGMENT_BYTES;
            offset = 0;
        }
        MappedByteBuffer segment = appending(position);
        segment.put(offset + Integer.BYTES, bytes, 0, length);
        segment.putInt(offset, length);
        records++;
        end = position + Integer.BYTES + length;
        return true;
    }

    /** The position after the last appended record. */
    long end() {
        return end;
    }

    long acknowledged() {
        return acknowledged;
    }

    /**
     * Notes that a round of records is being sent to Kafka, unless one was sent since the last acknowledgement: what
     * of the unacknowledged records reached Kafka, reached it after the first of these times.
     */
    void sending(long epochMillis) {
        if (sendingSince() == 0) {
            header.putLong(2 * Long.BYTES, epochMillis);
        }
    }

    /** When the first round of the unacknowledged records was sent, in epoch milliseconds; 0 when none was. */
    long sendingSince() {
        return header.getLong(2 * Long.BYTES);
    }

    /** Records appended and not acknowledged yet. */
    long waiting() {
        return records;
    }

    /**
     * Hands at most {@code maxRecords} records from {@code from} on to {@code visitor} (their position and bytes),
     * of those appended before this call; {@code from} must be a record's position.
     *
     * @return the position after the last record handed on
     */
    long read(long from, long maxRecords, BiConsumer<Long, byte[]> visitor) {
        // Only up to the end read here: the records before it are wholly visible to this thread.
        return scan(from, end, maxRecords, visitor);
    }

    /** Kafka holds every record before {@code position} ({@code count} of them): they need not be kept any longer. */
    void acknowledge(long position, long count) {
        synchronized (this) {
            records -= count;
        }
        acknowledged = position;
        header.putLong(Long.BYTES, position);
        header.putLong(2 * Long.BYTES, 0);
        long current = position / SEGMENT_BYTES;
        for (Long old : List.copyOf(segments.headMap(current).keySet())) {
            segments.remove(old);
            try {
                Files.deleteIfExists(segmentFile(old));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    private long scan(long from, long to, long maxRecords, BiConsumer<Long, byte[]> visitor) {
        long position = from;
        for (long handed = 0; handed < maxRecords && position < to; ) {
            MappedByteBuffer segment = segments.get(position / SEGMENT_BYTES);
            if (segment == null) {
                return position;
            }
            int offset = (int) (position % SEGMENT_BYTES);
            int length = segment.getInt(offset);
            if (length == 0) {
                return position;
            }
            if (length == END_OF_SEGMENT) {
                position = (position / SEGMENT_BYTES + 1) * SEGMENT_BYTES;
                continue;
            }
            byte[] bytes = new byte[length];
            segment.get(offset + Integer.BYTES, bytes);
            visitor.accept(position, bytes);
            handed++;
            position += Integer.BYTES + length;
        }
        return position;
    }

    /** The segment appends go to, kept at hand: called under the lock. */
    private MappedByteBuffer appending(long position) {
        long index = position / SEGMENT_BYTES;
        if (appendSegment == null || appendSegmentIndex != index) {
            appendSegment = segments.computeIfAbsent(index, i -> map(segmentFile(i), SEGMENT_BYTES));
            appendSegmentIndex = index;
        }
        return appendSegment;
    }

    private Path segmentFile(long index) {
        return directory.resolve(String.format("%019d%s", index, SEGMENT_SUFFIX));
    }

    private List<Long> existingSegments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SEGMENT_SUFFIX))
                    .map(name -> Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()))).sorted().toList();
        }
    }

    private static MappedByteBuffer map(Path file, int size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not map " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }
}
