package io.shortlink.query.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodesTest {

    private static final String SHORT_URL = "http://localhost:8080/x7Kp2Qa";
    private final QrCodes qrCodes = new QrCodes();

    @Test
    void aPngOfTheAskedSizeReadsBackAsTheShortUrl() throws Exception {
        for (int size : new int[]{QrCodes.MIN_SIZE, QrCodes.DEFAULT_SIZE, 777}) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(qrCodes.image(SHORT_URL, QrCodes.Format.PNG, size)));

            assertThat(image.getWidth()).as("width at %d", size).isEqualTo(size);
            assertThat(image.getHeight()).isEqualTo(size);
            assertThat(decode(new BufferedImageLuminanceSource(image))).isEqualTo(SHORT_URL);
        }
    }

    @Test
    void anSvgsModulesReadBackAsTheShortUrl() throws Exception {
        String svg = new String(qrCodes.image(SHORT_URL, QrCodes.Format.SVG, 300), StandardCharsets.UTF_8);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"300\"");
        assertThat(decode(new BufferedImageLuminanceSource(paint(svg)))).isEqualTo(SHORT_URL);
    }

    @Test
    void aSecondRequestIsAnsweredFromTheCache() {
        byte[] first = qrCodes.image(SHORT_URL, QrCodes.Format.PNG, 256);

        assertThat(qrCodes.image(SHORT_URL, QrCodes.Format.PNG, 256)).isSameAs(first);
        assertThat(qrCodes.image(SHORT_URL, QrCodes.Format.PNG, 257)).isNotSameAs(first);
    }

    private static String decode(LuminanceSource source) throws Exception {
        // A pure image, as generated: one pixel per module (the smallest size) is too fine for the camera-image search.
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    }

    /** Draws the SVG's dark runs ({@code M x y h n v1 h-n z}) at 8 pixels per module. */
    private static BufferedImage paint(String svg) {
        Matcher viewBox = Pattern.compile("viewBox=\"0 0 (\\d+) \\1\"").matcher(svg);
        assertThat(viewBox.find()).as("a square viewBox").isTrue();
        int modules = Integer.parseInt(viewBox.group(1));
        BitMatrix matrix = new BitMatrix(modules);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            matrix.setRegion(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)), Integer.parseInt(run.group(3)), 1);
            runs++;
        }
        assertThat(runs).isPositive();
        int scale = 8;
        BufferedImage image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < modules * scale; y++) {
            for (int x = 0; x < modules * scale; x++) {
                image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }
}
