package io.shortlink.query.redirect;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the projection writes for each link event, against a fake of the view's writes. */
class RedirectViewProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-01T10:00:00Z");

    private final RecordedWrites writes = new RecordedWrites();
    private final RedirectViewProjection projection = new RedirectViewProjection(writes);

    @Test
    void aCreatedLinkIsSavedWholeAndActive() {
        projection.on(created("abc", "https://example.com/a"));
        assertThat(writes.made).containsExactly(
                "save abc " + new RedirectEntry("https://example.com/a", LinkStatus.ACTIVE, 302, EXPIRES, false, false));
    }

    @Test
    void aChangeRewritesTheTargetAndLeavesTheStatusAlone() {
        projection.on(new LinkChanged("abc", "https://example.com/b", null, 307, CREATED, null, false, List.of(), null));
        assertThat(writes.made).containsExactly("target abc https://example.com/b 307 null false false");
    }

    @Test
    void aLinkWithAVisitLimitIsMarkedSoThatItsClicksCountTowardsIt() {
        projection.on(new LinkCreated("abc", "https://example.com/a", "alice", 302, null, CREATED, 10, false, List.of(), null));
        projection.on(new LinkChanged("abc", "https://example.com/a", null, 302, CREATED, null, false, List.of(), null));
        projection.on(new LinkChanged("abc", "https://example.com/a", null, 302, CREATED, 5, false, List.of(), null));

        assertThat(writes.made).containsExactly(
                "save abc " + new RedirectEntry("https://example.com/a", LinkStatus.ACTIVE, 302, null, false, true),
                "target abc https://example.com/a 302 null false false",
                "target abc https://example.com/a 302 null false true");
    }

    @Test
    void expiryDeletionAndReactivationSetTheStatusOnly() {
        projection.on(new LinkExpired("abc", EXPIRES));
        projection.on(new LinkReactivated("abc", CREATED));
        projection.on(new LinkDeleted("abc", CREATED));
        assertThat(writes.made).containsExactly("status abc EXPIRED", "status abc ACTIVE", "status abc DELETED");
    }

    private static LinkCreated created(String code, String url) {
        return new LinkCreated(code, url, "alice", 302, EXPIRES, CREATED, null, false, List.of(), null);
    }

    private static final class RecordedWrites extends RedirectWrites {

        final List<String> made = new ArrayList<>();

        RecordedWrites() {
            super(null);
        }

        @Override
        public void save(String code, RedirectEntry entry) {
            made.add("save " + code + " " + entry);
        }

        @Override
        public void saveTarget(String code, String url, int redirectType, Instant expiresAt, boolean forwardQuery,
                               boolean visitLimited) {
            made.add("target " + code + " " + url + " " + redirectType + " " + expiresAt + " " + forwardQuery + " " + visitLimited);
        }

        @Override
        public void saveStatus(String code, LinkStatus status) {
            made.add("status " + code + " " + status);
        }

        @Override
        String prefixOfWrites() {
            throw new UnsupportedOperationException("the fake sends nothing");
        }

        @Override
        String batchName() {
            throw new UnsupportedOperationException("the fake sends nothing");
        }
    }
}
