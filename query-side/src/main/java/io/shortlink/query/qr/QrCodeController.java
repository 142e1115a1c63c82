package io.shortlink.query.qr;

import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.query.catalog.LinkReads;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.LinkNotFoundException;
import io.shortlink.refusal.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/v1/links/{code}/qr}: the QR code of a link's short URL, public like its metadata. */
@RestController
class QrCodeController {

    /** A short URL never changes: browsers and proxies may keep the image. */
    private static final CacheControl CACHED = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final LinkReads links;
    private final QrCodes qrCodes;

    QrCodeController(LinkReads links, QrCodes qrCodes) {
        this.links = links;
        this.qrCodes = qrCodes;
    }

    @Operation(summary = "A link's QR code", description = "Public for every link. Encodes exactly the link's short URL: "
            + "a PNG of `size` pixels square, or with `format=svg` an SVG that scales.")
    @ApiResponse(responseCode = "200", description = "The QR code", content = {
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))})
    @ProblemResponse(status = 400, codes = "validation-failed", when = "`size` is not 64 to 2048 or `format` not png or svg")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @GetMapping("/api/v1/links/{code}/qr")
    ResponseEntity<byte[]> qrCode(@PathVariable String code,
                                  @Parameter(description = "png or svg") @RequestParam(defaultValue = "png") String format,
                                  @Parameter(description = "Pixels of a PNG, 64 to 2048")
                                  @RequestParam(defaultValue = "" + QrCodes.DEFAULT_SIZE) String size,
                                  @Parameter(hidden = true) HttpServletResponse response) {
        List<FieldViolation> violations = new ArrayList<>();
        QrCodes.Format imageFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "png" -> QrCodes.Format.PNG;
            case "svg" -> QrCodes.Format.SVG;
            default -> {
                violations.add(new FieldViolation("format", "must be png or svg"));
                yield null;
            }
        };
        int pixels = pixels(size);
        if (pixels < 0) {
            violations.add(new FieldViolation("size", "must be a whole number from " + QrCodes.MIN_SIZE + " to " + QrCodes.MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        // A refusal is not kept: a link just created is unknown here until the read side learns of it, a moment later.
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        String shortUrl = links.shortUrl(code).orElseThrow(() -> new LinkNotFoundException(code));
        return ResponseEntity.ok()
                .contentType(imageFormat == QrCodes.Format.PNG ? MediaType.IMAGE_PNG : SVG)
                .cacheControl(CACHED)
                .body(qrCodes.image(shortUrl, imageFormat, pixels));
    }

    /** The size asked for, or -1 when it is not a whole number in range. */
    private static int pixels(String size) {
        try {
            int pixels = Integer.parseInt(size.trim());
            return pixels >= QrCodes.MIN_SIZE && pixels <= QrCodes.MAX_SIZE ? pixels : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
