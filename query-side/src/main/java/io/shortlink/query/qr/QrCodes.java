package io.shortlink.query.qr;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes of short URLs, drawn by ZXing. A short URL never changes, so each image is made once and kept (up to
 * {@value #CACHE_BYTES} bytes of images) for the next scan of a printed poster or the next visit of a link's page.
 */
@Component
public class QrCodes {

    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 2048;
    public static final int DEFAULT_SIZE = 512;
    private static final long CACHE_BYTES = 32L * 1024 * 1024;
    /** The four modules of light border the QR specification asks for, so that any reader finds the code. */
    private static final int QUIET_ZONE = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    public enum Format { PNG, SVG }

    private record Key(String content, Format format, int size) {
    }

    private final Cache<Key, byte[]> images = Caffeine.newBuilder()
            .maximumWeight(CACHE_BYTES)
            .weigher((Key key, byte[] image) -> image.length)
            .build();

    /** The image of a QR code of {@code content}: a PNG of {@code size} pixels square, or an SVG that scales. */
    public byte[] image(String content, Format format, int size) {
        return images.get(new Key(content, format, size), this::draw);
    }

    private byte[] draw(Key key) {
        BitMatrix matrix = encode(key.content(), key.format() == Format.PNG ? key.size() : 0);
        return key.format() == Format.PNG ? png(matrix) : svg(matrix, key.size());
    }

    /** @param size the pixels of the image, which ZXing fills with whole pixels per module; 0 for one per module */
    private static BitMatrix encode(String content, int size) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("Cannot encode " + content.length() + " characters as a QR code", tooLong);
        }
    }

    private static byte[] png(BitMatrix matrix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return out.toByteArray();
    }

    /** One path of the dark modules, a run of neighbours in a row as one rectangle; ZXing draws no SVG itself. */
    private static byte[] svg(BitMatrix matrix, int size) {
        int modules = matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < modules; y++) {
            int x = 0;
            while (x < modules) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules && matrix.get(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size
                + "\" viewBox=\"0 0 " + modules + " " + modules + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + modules + "\" height=\"" + modules + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
        return svg.getBytes(StandardCharsets.UTF_8);
    }
}
