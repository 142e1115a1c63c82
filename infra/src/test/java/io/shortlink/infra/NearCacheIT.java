package io.shortlink.infra;

import io.shortlink.events.LinkStatus;
import io.shortlink.query.redirect.RedirectEntry;
import io.shortlink.query.redirect.RedirectView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The near cache follows the redirect view: what the projection writes is announced through Redis and honoured by
 * the next request, for codes that were cached as redirecting and as unknown alike.
 */
class NearCacheIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRewrittenEntryIsHonouredRightAfterTheWrite() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String code = shortlink.createRedirectingLink("https://example.com/before");

        RedirectView view = shortlink.application.getBean(RedirectView.class);
        view.save(code, new RedirectEntry("https://example.com/after", LinkStatus.ACTIVE, 307, null, false, false));

        HttpResponse<String> changed = shortlink.getUntil("/" + code, r -> r.statusCode() == 307, Duration.ofSeconds(1));
        assertThat(changed.statusCode()).isEqualTo(307);
        assertThat(changed.headers().firstValue("Location")).contains("https://example.com/after");

        view.save(code, new RedirectEntry("https://example.com/after", LinkStatus.DELETED, 307, null, false, false));
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 410, Duration.ofSeconds(1)).statusCode()).isEqualTo(410);
    }

    @Test
    void aCodeCachedAsUnknownRedirectsOnceItIsWritten() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        assertThat(shortlink.get("/soon-there").statusCode()).isEqualTo(404);

        shortlink.application.getBean(RedirectView.class)
                .save("soon-there", new RedirectEntry("https://example.com/now", LinkStatus.ACTIVE, 302, null, false, false));

        assertThat(shortlink.getUntil("/soon-there", r -> r.statusCode() == 302, Duration.ofSeconds(1))
                .headers().firstValue("Location")).contains("https://example.com/now");
    }
}
