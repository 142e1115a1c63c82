package io.shortlink.command.webhook;

import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.WebhookNotFoundException;
import io.shortlink.refusal.ValidationException;
import io.shortlink.events.WebhookSubscribed;
import io.shortlink.events.WebhookUnsubscribed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A subscription of an owner's URL to events of the owner's links: subscribed once, deleted at most once. */
@Aggregate
public class Webhook {

    @AggregateIdentifier
    private String id;
    private String owner;
    private boolean deleted;

    protected Webhook() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WebhookSubscribed handle(SubscribeWebhookCommand command) {
        if (id != null || !WebhookIds.isWebhookId(command.id())) {
            throw new IllegalArgumentException("Not a fresh webhook id: " + command.id());
        }
        if (command.owner() == null) {
            throw new IllegalArgumentException("A webhook needs an owner");
        }
        WebhookSubscribed subscribed = new WebhookSubscribed(command.id(), command.owner(), command.url(),
                checkedEvents(command.events()), GenericEventMessage.clock.instant());
        apply(subscribed);
        return subscribed;
    }

    /** Deleting twice changes nothing; someone else's webhook is as unknown as one that never existed. */
    @CommandHandler
    public void handle(UnsubscribeWebhookCommand command) {
        if (!command.caller().mayManage(owner)) {
            throw new WebhookNotFoundException(command.id());
        }
        if (!deleted) {
            apply(new WebhookUnsubscribed(id, GenericEventMessage.clock.instant()));
        }
    }

    /** The requested types without duplicates, in the order given; at least one, each a known type. */
    private static List<String> checkedEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new ValidationException(List.of(new FieldViolation("events", "must name at least one of " + WebhookEventTypes.ALL)));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String event : events) {
            if (!WebhookEventTypes.ALL.contains(event)) {
                throw new ValidationException(List.of(new FieldViolation("events", "'" + event + "' is not one of " + WebhookEventTypes.ALL)));
            }
            distinct.add(event);
        }
        return List.copyOf(distinct);
    }

    @EventSourcingHandler
    void on(WebhookSubscribed event) {
        id = event.id();
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(WebhookUnsubscribed event) {
        deleted = true;
    }
}
