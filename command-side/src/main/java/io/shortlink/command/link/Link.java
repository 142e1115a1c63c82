package io.shortlink.command.link;

import io.shortlink.events.LinkCreated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A short link, identified by its code. Because the code is the aggregate identifier, the event store's unique
 * (aggregate, sequence) key is what makes a code or alias impossible to take twice.
 */
@Aggregate
public class Link {

    @AggregateIdentifier
    private String code;

    protected Link() {
        // for Axon: the aggregate is rebuilt from its events
    }

    /**
     * Answers the event, so that the caller can show the link as it was created. A code that exists is refused here;
     * two creations racing for a new code are settled by the event store, which stores only the first.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LinkCreated handle(CreateLinkCommand command, LinkRules rules) {
        if (code != null) {
            throw new CodeTakenException(code);
        }
        Instant now = GenericEventMessage.clock.instant();
        String url = rules.checkCreation(command, now);
        int redirectType = command.redirectType() == null ? LinkRules.DEFAULT_REDIRECT_TYPE : command.redirectType();
        LinkCreated created = new LinkCreated(command.code(), url, command.owner(), redirectType, command.expiresAt(), now);
        apply(created);
        return created;
    }

    @EventSourcingHandler
    void on(LinkCreated event) {
        this.code = event.code();
    }
}
