package io.shortlink.query.stats;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Browser, operating system, device class and bot detection from a user agent, by Yauaa (see docs/adr/0041).
 * Yauaa's analyzer takes a few seconds to build, so it is built in the background from startup on. The few hundred
 * user agents that make up most traffic are classified once: the cache keeps the classification itself, as Yauaa's
 * own cache would still build a mutable agent with its maps of headers and fields for every lookup.
 */
@Component
public class UserAgents {

    /** Device classes of clients that are not people: crawlers, link previewers, scripts, and empty or forged agents. */
    private static final Set<String> NOT_A_PERSON = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Hacker", "Spy");
    private static final String UNKNOWN = "unknown";

    public record Agent(boolean bot, String browser, String operatingSystem, String device) {
    }

    private final LoadingCache<String, Agent> agents;

    @Autowired
    UserAgents(@Value("${shortlink.stats.user-agent-cache-size}") int cacheSize) {
        this(cacheSize, analyzerBuiltInTheBackground());
    }

    UserAgents(int cacheSize, Function<String, Agent> analyzer) {
        this.agents = Caffeine.newBuilder().maximumSize(cacheSize).build(analyzer::apply);
    }

    /** @param userAgent the header as sent, {@code ""} (or {@code null}) without one */
    public Agent classify(String userAgent) {
        return agents.get(Objects.requireNonNullElse(userAgent, ""));
    }

    private static Function<String, Agent> analyzerBuiltInTheBackground() {
        CompletableFuture<UserAgentAnalyzer> analyzer = CompletableFuture.supplyAsync(() -> UserAgentAnalyzer.newBuilder()
                .withFields(UserAgent.AGENT_NAME, UserAgent.OPERATING_SYSTEM_NAME, UserAgent.DEVICE_CLASS)
                .withoutCache()
                .hideMatcherLoadStats()
                .immediateInitialization()
                .build());
        return userAgent -> agentOf(analyzer.join().parse(userAgent));
    }

    private static Agent agentOf(UserAgent parsed) {
        String device = parsed.getValue(UserAgent.DEVICE_CLASS);
        return new Agent(NOT_A_PERSON.contains(device), known(parsed.getValue(UserAgent.AGENT_NAME)),
                known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME)), known(device));
    }

    /** Yauaa says "Unknown" or "??" where it cannot tell. */
    private static String known(String value) {
        return value == null || value.isBlank() || "Unknown".equals(value) || "??".equals(value) ? UNKNOWN : value;
    }
}
