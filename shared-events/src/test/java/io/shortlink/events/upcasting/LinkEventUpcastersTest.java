package io.shortlink.events.upcasting;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision-1 events as a real event store holds them read as revision 2, meaning what they meant. */
class LinkEventUpcastersTest {

    @Test
    void readsRevision1LinkCreatedAsRevision2WithoutLimitForwardingTagsOrTitle() {
        List<DomainEventMessage<?>> launch = StoredEvents.of("rev1-launch");

        assertThat(launch.get(0).getPayload()).isEqualTo(new LinkCreated("rev1-launch", "https://example.com/launch", "alice",
                301, null, Instant.parse("2026-12-02T10:33:53.514435045Z"), null, false, List.of(), null));
        assertThat(launch.get(0).getMetaData()).containsEntry("by", "alice");
    }

    @Test
    void readsRevision1LinkChangedAsRevision2() {
        List<DomainEventMessage<?>> launch = StoredEvents.of("rev1-launch");

        assertThat(launch.get(2).getPayload()).isEqualTo(new LinkChanged("rev1-launch", "https://example.com/launch-v2",
                Instant.parse("2030-01-01T00:00:00Z"), 307, Instant.parse("2026-12-02T10:34:01.406211189Z"),
                null, false, List.of(), null));
        assertThat(launch.get(2).getMetaData()).containsEntry("expirySchedule", "6bfa24dc-dd71-4e09-b8f6-2baf81814ca8");
    }

    @Test
    void withoutTheUpcastersTheAddedFieldsAreMissingNotEmpty() {
        // Shows the upcasters at work: Jackson alone leaves the list of tags null.
        LinkCreated raw = (LinkCreated) StoredEvents.read(StoredEvents.REVISION_1, new EventUpcasterChain()).stream()
                .filter(event -> event.getPayload() instanceof LinkCreated).findFirst().orElseThrow().getPayload();

        assertThat(raw.tags()).isNull();
    }

    @Test
    void leavesEveryOtherEventAsItIsAndKeepsTheOrderOfTheStore() {
        List<DomainEventMessage<?>> events = StoredEvents.read(StoredEvents.REVISION_1, LinkEventUpcasters.chain());

        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName()).containsExactly(
                "LinkCreated", "LinkCreated", "LinkChanged", "LinkCreated", "LinkCreated", "LinkDeleted", "AliasReserved",
                "LinkExpired", "LinkChanged", "LinkReactivated", "LinkChanged");
        assertThat(events).filteredOn(event -> event.getPayload() instanceof LinkCreated)
                .allSatisfy(event -> assertThat(((LinkCreated) event.getPayload()).tags()).isEmpty());
    }
}
