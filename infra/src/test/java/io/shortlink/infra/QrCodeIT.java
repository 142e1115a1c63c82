package io.shortlink.infra;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/links/{code}/qr: a QR code a phone reads as the link's short URL. */
class QrCodeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void aPngQrCodeReadsBackAsTheShortUrlOfAnyCaller() throws Exception {
        String code = shortlink.createRedirectingLink("https://example.com/qr");
        String shortUrl = JSON.readTree(shortlink.get("/api/v1/links/" + code).body()).get("shortUrl").asString();

        HttpResponse<byte[]> png = image("/api/v1/links/" + code + "/qr?size=300");

        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("Cache-Control").orElseThrow()).contains("public").contains("max-age=86400");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(300);
        // As a camera image: no hint that the picture holds nothing but the code.
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
        assertThat(read).isEqualTo(shortUrl);
    }

    @Test
    void anSvgQrCodeAndTheDefaultSize() throws Exception {
        String code = shortlink.createRedirectingLink("https://example.com/qr-svg");

        HttpResponse<byte[]> svg = image("/api/v1/links/" + code + "/qr?format=svg");
        HttpResponse<byte[]> png = image("/api/v1/links/" + code + "/qr");

        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(new String(svg.body())).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(ImageIO.read(new ByteArrayInputStream(png.body())).getWidth()).isEqualTo(512);
    }

    @Test
    void unknownLinksAndBadParametersAreProblems() throws Exception {
        String code = shortlink.createRedirectingLink("https://example.com/qr-bad");

        assertProblem(shortlink.get("/api/v1/links/NoSuchQr1/qr"), 404, "link-not-found");
        for (String query : new String[]{"size=63", "size=2049", "size=big", "format=gif"}) {
            assertProblem(shortlink.get("/api/v1/links/" + code + "/qr?" + query), 400, "validation-failed");
        }
        assertThat(image("/api/v1/links/" + code + "/qr?size=64").statusCode()).isEqualTo(200);
        assertThat(image("/api/v1/links/" + code + "/qr?size=2048").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<byte[]> image(String path) throws Exception {
        return shortlink.http.send(HttpRequest.newBuilder(URI.create(shortlink.baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
