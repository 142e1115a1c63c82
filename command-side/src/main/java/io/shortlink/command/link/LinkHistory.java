package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.caller.ForbiddenException;
import io.shortlink.events.LinkCreated;
import io.shortlink.refusal.LinkNotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

/**
 * A link's audit trail, read straight from the event store: its events from its creation on. Events of the same
 * name from before (reservations of the alias, possibly by someone else) belong to no link and are left out.
 */
@Service
public class LinkHistory {

    /** One event as the API shows it. */
    public record Entry(String type, Instant at, String by, Object data) {
    }

    private final EventStore events;

    public LinkHistory(EventStore events) {
        this.events = events;
    }

    public List<Entry> of(String code, Caller caller) {
        List<? extends DomainEventMessage<?>> stream = events.readEvents(code).asStream()
                .dropWhile(event -> !(event.getPayload() instanceof LinkCreated))
                .toList();
        if (stream.isEmpty()) {
            throw new LinkNotFoundException(code);
        }
        String owner = ((LinkCreated) stream.get(0).getPayload()).owner();
        if (!caller.mayManage(owner)) {
            throw new ForbiddenException("Only the owner of the link '" + code + "' or an admin may read its history");
        }
        return stream.stream()
                .map(event -> new Entry(event.getPayloadType().getSimpleName(), at(event), by(event), event.getPayload()))
                .toList();
    }

    /** An imported link was created when its creation time says, before the import stored it. */
    private static Instant at(DomainEventMessage<?> event) {
        return event.getPayload() instanceof LinkCreated created ? created.createdAt() : event.getTimestamp();
    }

    /** Links created before events carried who caused them have only their creation: its owner caused it. */
    private static String by(DomainEventMessage<?> event) {
        Object by = event.getMetaData().get(Link.BY);
        if (by == null && event.getPayload() instanceof LinkCreated created) {
            return created.owner() == null ? Caller.ANONYMOUS.name() : created.owner();
        }
        return (String) by;
    }
}
