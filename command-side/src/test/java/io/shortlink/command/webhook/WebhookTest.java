package io.shortlink.command.webhook;

import io.shortlink.caller.Caller;
import io.shortlink.events.WebhookSubscribed;
import io.shortlink.events.WebhookUnsubscribed;
import io.shortlink.refusal.ValidationException;
import io.shortlink.refusal.WebhookNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class WebhookTest {

    private static final String URL = "https://hooks.example.com/x";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private AggregateTestFixture<Webhook> fixture;
    private String id;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webhook.class);
        id = WebhookIds.next();
    }

    @Test
    void subscribesTheRequestedEventsOnceEach() {
        fixture.givenNoPriorActivity()
                .when(new SubscribeWebhookCommand(id, "alice", URL, List.of("link.deleted", "link.created", "link.deleted")))
                .expectEvents(new WebhookSubscribed(id, "alice", URL, List.of("link.deleted", "link.created"), fixture.currentTime()));
    }

    @Test
    void refusesUnknownOrNoEvents() {
        fixture.givenNoPriorActivity()
                .when(new SubscribeWebhookCommand(id, "alice", URL, List.of("link.clicked")))
                .expectException(ValidationException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SubscribeWebhookCommand(id, "alice", URL, List.of()))
                .expectException(ValidationException.class).expectNoEvents();
    }

    @Test
    void theOwnerOrAnAdminDeletesItOnceAndNobodyElseSeesIt() {
        WebhookSubscribed subscribed = new WebhookSubscribed(id, "alice", URL, List.of("link.created"), AT);
        fixture.given(subscribed)
                .when(new UnsubscribeWebhookCommand(id, new Caller("bob", false)))
                .expectException(WebhookNotFoundException.class).expectNoEvents();
        fixture.given(subscribed)
                .when(new UnsubscribeWebhookCommand(id, new Caller("alice", false)))
                .expectEvents(new WebhookUnsubscribed(id, fixture.currentTime()));
        fixture.given(subscribed)
                .when(new UnsubscribeWebhookCommand(id, new Caller("admin", true)))
                .expectEvents(new WebhookUnsubscribed(id, fixture.currentTime()));
        fixture.given(subscribed, new WebhookUnsubscribed(id, AT))
                .when(new UnsubscribeWebhookCommand(id, new Caller("alice", false)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
