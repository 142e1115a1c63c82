package io.shortlink.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The compact binary form of a {@link LinkClicked} on the clicks topic: the same fields, about a third of the bytes of
 * the JSON event message of format 1, and no JSON or message id to build per click. The one place that writes and
 * reads it; clicks stored in format 1 (Axon event messages in JSON) stay readable as they are.
 * <p>
 * Format 3, written now: format byte {@code 3}; a flags byte ({@link #VISIT_LIMITED}: the redirect saw a visit limit
 * on the link, so the click counts towards it); then the fields as in format 2. Format 2, still read (stored records
 * are never rewritten): format byte {@code 2}; epoch seconds and nanoseconds of {@code clickedAt} (var-ints); code,
 * referrer host, user agent, country (var-int length + UTF-8); the visitor, as its 16 bytes when it is the usual 32
 * lowercase hex digits (flag {@code 1}), else as a string (flag {@code 0}). A click of format 2 carries no flags and
 * counts towards a limit, as every click did before format 3.
 */
public final class ClickEncoding {

    private static final byte FORMAT = 3;
    private static final byte FORMAT_WITHOUT_FLAGS = 2;
    /** Flag of format 3: the link had a visit limit when the redirect was answered (as the redirect view held it). */
    private static final int VISIT_LIMITED = 1;
    /**
     * The Kafka record header that marks a record of the clicks topic whose value is in this encoding; its value names
     * the record's source (16 bytes: the publishing instance's spool and the click's position in it). Records without
     * it are format 1.
     */
    public static final String RECORD_HEADER = "shortlink-click";
    private static final int VISITOR_BYTES = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private ClickEncoding() {
    }

    /**
     * Writes {@code click} at the buffer's position; {@link java.nio.BufferOverflowException} when it does not fit.
     *
     * @param visitLimited whether the link had a visit limit when the redirect was answered
     */
    public static void encode(LinkClicked click, boolean visitLimited, ByteBuffer out) {
        out.put(FORMAT);
        out.put((byte) (visitLimited ? VISIT_LIMITED : 0));
        putVarLong(out, click.clickedAt().getEpochSecond());
        putVarLong(out, click.clickedAt().getNano());
        putString(out, click.code());
        putString(out, click.referrerHost());
        putString(out, click.userAgent());
        putString(out, click.country());
        byte[] visitor = hexBytes(click.visitor());
        if (visitor == null) {
            out.put((byte) 0);
            putString(out, click.visitor());
        } else {
            out.put((byte) 1);
            out.put(visitor);
        }
    }

    public static byte[] encode(LinkClicked click, boolean visitLimited) {
        ByteBuffer out = ByteBuffer.allocate(maxLength(click));
        encode(click, visitLimited, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** An upper bound of the encoded length, to size a buffer. */
    public static int maxLength(LinkClicked click) {
        return 2 + 10 + 5 + 4 * 5 + 1 + 5 + 3 * (click.code().length() + click.referrerHost().length()
                + click.userAgent().length() + click.country().length() + click.visitor().length());
    }

    /** Reads a click of format 2 or 3. */
    public static LinkClicked decode(byte[] bytes) {
        ByteBuffer in = fields(bytes);
        Instant clickedAt = Instant.ofEpochSecond(getVarLong(in), getVarLong(in));
        String code = getString(in);
        String referrerHost = getString(in);
        String userAgent = getString(in);
        String country = getString(in);
        String visitor = in.get() == 1 ? hex(in) : getString(in);
        return new LinkClicked(code, clickedAt, referrerHost, userAgent, visitor, country);
    }

    /** The code of an encoded click, without decoding the rest: what a publisher keys the record by. */
    public static String codeOf(byte[] bytes) {
        ByteBuffer in = fields(bytes);
        getVarLong(in);
        getVarLong(in);
        return getString(in);
    }

    /**
     * Whether an encoded click counts towards its link's visit limit, without decoding it: those of format 3 that the
     * redirect marked, and every click of format 2.
     */
    public static boolean visitLimited(byte[] bytes) {
        return switch (bytes[0]) {
            case FORMAT -> (bytes[1] & VISIT_LIMITED) != 0;
            case FORMAT_WITHOUT_FLAGS -> true;
            default -> throw unknownFormat();
        };
    }

    /** The bytes after the format and its flags, where format 2 and 3 agree. */
    private static ByteBuffer fields(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format == FORMAT) {
            in.get();
        } else if (format != FORMAT_WITHOUT_FLAGS) {
            throw unknownFormat();
        }
        return in;
    }

    private static IllegalArgumentException unknownFormat() {
        return new IllegalArgumentException("Not a click of format " + FORMAT_WITHOUT_FLAGS + " or " + FORMAT);
    }

    private static void putString(ByteBuffer out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putVarLong(out, utf8.length);
        out.put(utf8);
    }

    private static String getString(ByteBuffer in) {
        int length = (int) getVarLong(in);
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void putVarLong(ByteBuffer out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    private static long getVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("A var-int longer than 64 bits");
    }

    /** The 16 bytes of a visitor written as 32 lowercase hex digits, or {@code null} for any other visitor. */
    private static byte[] hexBytes(String visitor) {
        if (visitor.length() != 2 * VISITOR_BYTES) {
            return null;
        }
        byte[] bytes = new byte[VISITOR_BYTES];
        for (int i = 0; i < VISITOR_BYTES; i++) {
            int high = Character.digit(visitor.charAt(2 * i), 16);
            int low = Character.digit(visitor.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0 || Character.isUpperCase(visitor.charAt(2 * i)) || Character.isUpperCase(visitor.charAt(2 * i + 1))) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    private static String hex(ByteBuffer in) {
        byte[] chars = new byte[2 * VISITOR_BYTES];
        for (int i = 0; i < VISITOR_BYTES; i++) {
            int b = in.get() & 0xFF;
            chars[2 * i] = HEX[b >>> 4];
            chars[2 * i + 1] = HEX[b & 0xF];
        }
        return new String(chars, StandardCharsets.US_ASCII);
    }
}
