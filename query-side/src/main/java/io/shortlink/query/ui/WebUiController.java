package io.shortlink.query.ui;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The web UI's pages. Every page is the same shell, whose script draws the page its address names from the public
 * API; an address that names no page gets the shell with {@code 404}, and the script says so.
 */
@Controller
@Hidden // pages for people, not part of the API
class WebUiController {

    private static final Set<String> PAGES = Set.of("links", "admin", "sign-in");

    private final byte[] shell;

    WebUiController() {
        try {
            shell = new ClassPathResource("shortlink-ui/index.html").getContentAsByteArray();
        } catch (IOException missing) {
            throw new UncheckedIOException("The web UI's index.html is not on the classpath", missing);
        }
    }

    @GetMapping("/app")
    ResponseEntity<Void> withoutSlash() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/app/")).build();
    }

    @GetMapping({"/app/", "/app/links/{code}"})
    ResponseEntity<byte[]> page() {
        return shell(HttpStatus.OK);
    }

    @GetMapping("/app/{page}")
    ResponseEntity<byte[]> page(@PathVariable String page) {
        return shell(PAGES.contains(page) ? HttpStatus.OK : HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<byte[]> shell(HttpStatus status) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .headers(WebUiHeaders::addTo)
                .body(shell);
    }
}
