package io.shortlink.query.webhook;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.WebhookSubscribed;
import io.shortlink.events.WebhookUnsubscribed;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deliveries the link events queue for the webhooks that asked for them: against a real PostgreSQL. */
class WebhookProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final WebhookSubscribed ALICES_HOOK = new WebhookSubscribed("w1", "alice", "https://hooks.example/a",
            List.of("link.created", "link.deleted"), T0);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void aWebhookGetsOneDeliveryForEachEventItAskedForOfItsOwnersLinks() {
        WebhookStore store = store();
        ProcessorBatches.handle(new WebhookProjection(store), ALICES_HOOK,
                message("e1", created("a1", "alice", T0), T0.plusSeconds(1)),
                message("e2", changed("a1", T0.plusSeconds(2)), T0.plusSeconds(2)),
                message("e3", new LinkDeleted("a1", T0.plusSeconds(3)), T0.plusSeconds(3)),
                message("e4", created("b1", "bob", T0), T0.plusSeconds(4)));

        List<WebhookStore.Delivery> deliveries = store.deliveries("w1", 100);
        assertThat(deliveries).extracting(WebhookStore.Delivery::event).containsExactly("link.deleted", "link.created");
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo("RETRYING");
            assertThat(delivery.attempts()).isZero();
        });
        JsonNode deleted = body(deliveries.get(0).id());
        assertThat(deleted.get("type").asString()).isEqualTo("link.deleted");
        assertThat(deleted.get("data").get("url").asString()).as("the target as last changed").isEqualTo("https://example.com/changed");
        assertThat(deleted.get("data").get("status").asString()).isEqualTo("DELETED");
        assertThat(deleted.get("data").get("shortUrl").asString()).isEqualTo("https://sho.rt/a1");
    }

    @Test
    void aSubscriptionInTheMiddleOfABatchGetsTheLinksCreatedAfterItInThatBatch() {
        WebhookStore store = store();
        ProcessorBatches.handle(new WebhookProjection(store),
                message("e1", created("b1", "bob", T0), T0.plusSeconds(1)),
                new WebhookSubscribed("w2", "bob", "https://hooks.example/b", List.of("link.created", "link.deleted"), T0.plusSeconds(2)),
                message("e3", created("b2", "bob", T0.plusSeconds(3)), T0.plusSeconds(3)),
                message("e4", new LinkDeleted("b1", T0.plusSeconds(4)), T0.plusSeconds(4)));

        assertThat(store.deliveries("w2", 100)).extracting(delivery -> body(delivery.id()).get("data").get("code").asString()
                + " " + delivery.event()).containsExactly("b1 link.deleted", "b2 link.created");
    }

    @Test
    void eventsHandledAgainQueueNothingTwice() {
        WebhookStore store = store();
        EventMessage<?> created = message("e1", created("a1", "alice", T0), T0.plusSeconds(1));
        EventMessage<?> deleted = message("e3", new LinkDeleted("a1", T0.plusSeconds(3)), T0.plusSeconds(3));
        ProcessorBatches.handle(new WebhookProjection(store), ALICES_HOOK, created, deleted);
        ProcessorBatches.handle(new WebhookProjection(store), ALICES_HOOK, created, deleted);

        assertThat(store.deliveries("w1", 100)).hasSize(2);
    }

    @Test
    void anImportedLinkIsDeliveredAsOfTheEventNotItsOriginalCreationTime() {
        WebhookStore store = store();
        Instant imported = T0.plusSeconds(3600);
        ProcessorBatches.handle(new WebhookProjection(store), ALICES_HOOK,
                message("e1", created("old", "alice", Instant.parse("2015-03-01T08:00:00Z")), imported));

        WebhookStore.Delivery delivery = store.deliveries("w1", 100).get(0);
        assertThat(delivery.at()).isEqualTo(imported);
        assertThat(body(delivery.id()).get("data").get("createdAt").asString()).isEqualTo("2015-03-01T08:00:00Z");
    }

    @Test
    void aDeletedWebhookGivesUpWhatWasPendingAndGetsNothingMore() {
        WebhookStore store = store();
        ProcessorBatches.handle(new WebhookProjection(store), ALICES_HOOK,
                message("e1", created("a1", "alice", T0), T0.plusSeconds(1)),
                new WebhookUnsubscribed("w1", T0.plusSeconds(2)),
                message("e3", new LinkDeleted("a1", T0.plusSeconds(3)), T0.plusSeconds(3)));

        assertThat(store.deliveries("w1", 100)).singleElement().satisfies(delivery -> {
            assertThat(delivery.event()).isEqualTo("link.created");
            assertThat(delivery.status()).isEqualTo("FAILED");
        });
        assertThat(store.ofOwner("alice")).isEmpty();
    }

    private static WebhookStore store() {
        return new WebhookStore(database.jdbc(), "https://sho.rt");
    }

    private static LinkCreated created(String code, String owner, Instant createdAt) {
        return new LinkCreated(code, "https://example.com/" + code, owner, 302, null, createdAt, null, false, List.of(), null);
    }

    private static LinkChanged changed(String code, Instant at) {
        return new LinkChanged(code, "https://example.com/changed", null, 302, at, null, false, List.of(), null);
    }

    private static EventMessage<?> message(String id, Object payload, Instant timestamp) {
        return new GenericEventMessage<>(id, payload, MetaData.emptyInstance(), timestamp);
    }

    private static JsonNode body(String deliveryId) {
        byte[] body = database.jdbc().queryForObject("select body from webhook_delivery where id = ?::uuid", byte[].class, deliveryId);
        return JsonMapper.builder().build().readTree(body);
    }
}
