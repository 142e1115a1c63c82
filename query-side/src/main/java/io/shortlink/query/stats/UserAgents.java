package io.shortlink.query.stats;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Browser, operating system, device class and bot detection from a user agent, by Yauaa (see docs/adr/0041).
 * Yauaa's analyzer takes a few seconds to build, so it is built in the background from startup on; its cache keeps
 * the few hundred user agents that make up most traffic parsed once.
 */
@Component
public class UserAgents {

    /** Device classes of clients that are not people: crawlers, link previewers, scripts, and empty or forged agents. */
    private static final Set<String> NOT_A_PERSON = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Hacker", "Spy");
    private static final String UNKNOWN = "unknown";

    public record Agent(boolean bot, String browser, String operatingSystem, String device) {
    }

    private final CompletableFuture<UserAgentAnalyzer> analyzer;

    UserAgents(@Value("${shortlink.stats.user-agent-cache-size}") int cacheSize) {
        this.analyzer = CompletableFuture.supplyAsync(() -> UserAgentAnalyzer.newBuilder()
                .withFields(UserAgent.AGENT_NAME, UserAgent.OPERATING_SYSTEM_NAME, UserAgent.DEVICE_CLASS)
                .withCache(cacheSize)
                .hideMatcherLoadStats()
                .immediateInitialization()
                .build());
    }

    public Agent classify(String userAgent) {
        UserAgent parsed = analyzer.join().parse(userAgent);
        String device = parsed.getValue(UserAgent.DEVICE_CLASS);
        return new Agent(NOT_A_PERSON.contains(device), known(parsed.getValue(UserAgent.AGENT_NAME)),
                known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME)), known(device));
    }

    /** Yauaa says "Unknown" or "??" where it cannot tell. */
    private static String known(String value) {
        return value == null || value.isBlank() || "Unknown".equals(value) || "??".equals(value) ? UNKNOWN : value;
    }
}
