package io.shortlink.query.click;

import io.shortlink.edge.client.ClientAddresses;
import io.shortlink.events.LinkClicked;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns a redirect into a {@link LinkClicked} on the request thread and hands it to the {@link ClickPublisher}: a few
 * microseconds, never a wait for Kafka and never an exception for the redirect. The client address only ever goes
 * into the visitor hash.
 */
public class ClickRecorder {

    private static final Logger log = LoggerFactory.getLogger(ClickRecorder.class);
    static final String DIRECT = "direct";
    static final String UNKNOWN = "unknown";
    private static final int MAX_USER_AGENT_LENGTH = 512;

    private final ClickPublisher publisher;
    private final VisitorIds visitors;
    private final ClientAddresses clientAddresses;
    private final String countryHeader;
    private final ClientCountries countries;
    private final Clock clock;

    ClickRecorder(ClickPublisher publisher, VisitorIds visitors, ClientAddresses clientAddresses, String countryHeader,
                  ClientCountries countries, Clock clock) {
        this.publisher = publisher;
        this.visitors = visitors;
        this.clientAddresses = clientAddresses;
        this.countryHeader = countryHeader;
        this.countries = countries;
        this.clock = clock;
    }

    /**
     * Records the click of a redirect answered to {@code request}; only a {@code GET} is a click, a {@code HEAD} is not.
     *
     * @param visitLimited whether the link has a visit limit, as the redirect's entry says: only such clicks are counted
     *                     towards one (docs/adr/0024)
     */
    public void record(HttpServletRequest request, String code, boolean visitLimited) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        try {
            publisher.offer(clickOf(request, code), visitLimited);
        } catch (RuntimeException unexpected) {
            log.warn("A click on {} could not be recorded", code, unexpected);
            publisher.dropped(ClickPublisher.DropReason.FAILED);
        }
    }

    /**
     * The visitor is the client behind the trusted proxy, when one is configured, not the proxy itself. The country
     * comes from the trusted country header when it names one, else from the client address and the offline database.
     */
    LinkClicked clickOf(HttpServletRequest request, String code) {
        Instant now = clock.instant();
        String userAgent = userAgentOf(request.getHeader("User-Agent"));
        String address = clientAddresses.of(request);
        String country = countryOf(request.getHeader(countryHeader));
        return new LinkClicked(code, now, referrerHostOf(request.getHeader("Referer")), userAgent,
                visitors.of(address, userAgent, now), UNKNOWN.equals(country) ? countries.of(address) : country);
    }

    static String referrerHostOf(String referrer) {
        if (referrer == null || referrer.isBlank()) {
            return DIRECT;
        }
        try {
            String host = URI.create(referrer.trim()).getHost();
            return host == null ? UNKNOWN : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            return UNKNOWN;
        }
    }

    /** Two letters, as Cloudflare and most CDNs send them; their placeholders (XX, T1 for Tor) mean unknown. */
    static String countryOf(String header) {
        if (header == null || header.length() != 2) {
            return UNKNOWN;
        }
        String country = header.toUpperCase(Locale.ROOT);
        boolean letters = Character.isLetter(country.charAt(0)) && Character.isLetter(country.charAt(1));
        return letters && !"XX".equals(country) ? country : UNKNOWN;
    }

    private static String userAgentOf(String header) {
        if (header == null) {
            return "";
        }
        return header.length() > MAX_USER_AGENT_LENGTH ? header.substring(0, MAX_USER_AGENT_LENGTH) : header;
    }
}
