package io.shortlink.query.redirect;

import io.shortlink.events.RootPaths;
import io.shortlink.query.click.ClickRecorder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The hot path: answers {@code GET} and {@code HEAD /{code}} ahead of Spring MVC's dispatcher, which costs several
 * times more per request than the redirect itself. Every other request passes on untouched.
 * When the view cannot be read the answer is {@code 503}: a redirect is never guessed.
 */
public class RedirectFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RedirectFilter.class);
    private static final int MAX_CODE_LENGTH = 64;

    private final RedirectCache cache;
    private final Clock clock;
    private final RedirectMetrics metrics;
    private final ClickRecorder clicks;

    /** @param clicks {@code null} when clicks are not recorded ({@code shortlink.clicks.recording=false}) */
    RedirectFilter(RedirectCache cache, Clock clock, RedirectMetrics metrics, ClickRecorder clicks) {
        this.cache = cache;
        this.clock = clock;
        this.metrics = metrics;
        this.clicks = clicks;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String code = isGetOrHead(request.getMethod()) ? codeOf(request.getRequestURI()) : null;
        if (code == null) {
            chain.doFilter(req, res);
            return;
        }
        long started = System.nanoTime();
        HttpServletResponse response = (HttpServletResponse) res;
        Optional<RedirectEntry> entry;
        try {
            entry = cache.find(code);
        } catch (RuntimeException unavailable) {
            // Redis down or slow (DataAccessException), or an entry the view cannot vouch for: never guess.
            log.warn("Redirect view unavailable for {}: {}", code, unavailable.getMessage());
            RedirectFailures.unavailable(request, response, code);
            metrics.record(RedirectMetrics.Outcome.UNAVAILABLE, started);
            return;
        }
        if (entry.isEmpty()) {
            RedirectFailures.notFound(request, response, code);
            metrics.record(RedirectMetrics.Outcome.NOT_FOUND, started);
        } else if (!entry.get().redirectsAt(clock.instant())) {
            RedirectFailures.gone(request, response, code);
            metrics.record(RedirectMetrics.Outcome.GONE, started);
        } else {
            redirect(request, response, entry.get());
            // Sent before the click is counted: a redirect that could not be written is no click.
            response.flushBuffer();
            metrics.record(RedirectMetrics.Outcome.REDIRECTED, started);
            if (clicks != null) {
                clicks.record(request, code, entry.get().visitLimited());
            }
        }
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, RedirectEntry entry) {
        response.setStatus(entry.redirectType());
        response.setHeader("Location", entry.location(request.getQueryString()));
        boolean permanent = entry.redirectType() == 301 || entry.redirectType() == 308;
        response.setHeader("Cache-Control", permanent ? "private, max-age=300" : "private, max-age=0");
        response.setContentLength(0);
    }

    private static boolean isGetOrHead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** The code of a path {@code /{code}}, or {@code null} when the path is something else. */
    static String codeOf(String path) {
        int length = path.length();
        if (length < 2 || length > MAX_CODE_LENGTH + 1 || path.charAt(0) != '/') {
            return null;
        }
        for (int i = 1; i < length; i++) {
            char c = path.charAt(i);
            boolean codeChar = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
            if (!codeChar) {
                return null;
            }
        }
        String code = path.substring(1);
        return RootPaths.isReserved(code) ? null : code;
    }
}
