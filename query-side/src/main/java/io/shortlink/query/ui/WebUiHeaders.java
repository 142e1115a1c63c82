package io.shortlink.query.ui;

import org.springframework.http.HttpHeaders;

/**
 * What a browser is told along with a page of the UI: scripts, styles, images and requests only from this origin,
 * nothing inline, never inside a frame. A script injected through some flaw could neither run nor send data away.
 */
public final class WebUiHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private WebUiHeaders() {
    }

    static void addTo(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
