package io.shortlink.query.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each user agent is classified once; the analyzer sees every other one. */
class UserAgentsTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private final List<String> analyzed = new ArrayList<>();
    private final UserAgents userAgents = new UserAgents(100, userAgent -> {
        analyzed.add(userAgent);
        return new UserAgents.Agent(userAgent.contains("bot"), "browser of " + userAgent.length(), "os", "device");
    });

    @Test
    void aUserAgentSeenBeforeIsAnsweredWithoutTheAnalyzer() {
        UserAgents.Agent first = userAgents.classify(CHROME);

        assertThat(userAgents.classify(CHROME)).isSameAs(first);
        assertThat(userAgents.classify(CHROME)).isSameAs(first);
        assertThat(analyzed).containsExactly(CHROME);
    }

    @Test
    void eachUserAgentIsAnalyzedByItself() {
        assertThat(userAgents.classify(CHROME).bot()).isFalse();
        assertThat(userAgents.classify(GOOGLEBOT).bot()).isTrue();
        assertThat(analyzed).containsExactly(CHROME, GOOGLEBOT);
    }

    @Test
    void noUserAgentIsClassifiedAsAnEmptyOne() {
        assertThat(userAgents.classify(null)).isSameAs(userAgents.classify(""));
        assertThat(analyzed).containsExactly("");
    }
}
