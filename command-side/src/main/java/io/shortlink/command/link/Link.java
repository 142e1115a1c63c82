package io.shortlink.command.link;

import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import io.shortlink.caller.Caller;
import io.shortlink.caller.ForbiddenException;
import io.shortlink.command.alias.ReleaseAliasCommand;
import io.shortlink.command.alias.Reservation;
import io.shortlink.command.alias.ReservationNotFoundException;
import io.shortlink.command.alias.ReserveAliasCommand;
import io.shortlink.events.AliasReleased;
import io.shortlink.events.AliasReservationLapsed;
import io.shortlink.events.AliasReserved;
import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.LinkExhausted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import io.shortlink.refusal.LinkNotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One name of the short-code namespace, generated code or alias, through its whole life: reserved (or free again
 * when the reservation ends), then a link that is active, expired, exhausted or deleted. Because the name is the aggregate
 * identifier, the event store's unique (aggregate, sequence) key is what keeps two links, or a link and someone
 * else's reservation, from ever sharing it. See docs/adr/0020.
 * <p>
 * Expiry and reservation lapse are deadlines. Their schedule ids travel in the metadata of the event that scheduled
 * them, so that the aggregate can cancel an obsolete deadline directly; a deadline that fires anyway finds the time
 * not yet reached, or the state moved on, and does nothing.
 */
@Aggregate
public class Link {

    /** Event metadata: who caused the event, an owner, {@code anonymous}, {@code admin} or {@code system}. */
    public static final String BY = "by";
    public static final String SYSTEM = "system";
    /** Event metadata of an imported link's creation: the import job that created it. */
    public static final String IMPORT = "importId";

    static final String EXPIRY_DEADLINE = "link-expiry";
    static final String LAPSE_DEADLINE = "alias-reservation-lapse";
    private static final String EXPIRY_SCHEDULE = "expirySchedule";
    private static final String LAPSE_SCHEDULE = "lapseSchedule";

    @AggregateIdentifier
    private String code;
    /** Whether the name is reserved (and no link). */
    private boolean reserved;
    /** The link's status as its events set it; {@code null} while the name is no link. */
    private LinkStatus status;
    /** The link's owner, or the reservation's; {@code null} for an anonymous link. */
    private String owner;
    private Instant reservedUntil;
    private String lapseSchedule;
    private String url;
    private int redirectType;
    private Instant expiresAt;
    private Instant createdAt;
    private String expirySchedule;
    private Integer maxVisits;
    private boolean forwardQuery;
    private List<String> tags;
    private String title;
    /** The visits the read side counted when the link was exhausted. */
    private long exhaustedVisits;

    protected Link() {
        // for Axon: the aggregate is rebuilt from its events
    }

    /**
     * Answers the event, so that the caller can show the link as it was created. A name that is a link, or someone
     * else's reservation, is refused here; two creations racing for a new name are settled by the event store,
     * which stores only the first.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LinkCreated handle(CreateLinkCommand command, LinkRules rules, DeadlineManager deadlines) {
        Instant now = now();
        lapseOverdueReservation(now, deadlines);
        boolean reservedForAnother = reserved && !(command.alias() && owner.equals(command.owner()));
        if (isLink() || reservedForAnother) {
            throw new CodeTakenException(command.code());
        }
        String checkedUrl = rules.checkCreation(command, now);
        if (reserved) {
            cancel(deadlines, LAPSE_DEADLINE, lapseSchedule);
        }
        int type = command.redirectType() == null ? LinkRules.DEFAULT_REDIRECT_TYPE : command.redirectType();
        LinkCreated created = new LinkCreated(command.code(), checkedUrl, command.owner(), type, command.expiresAt(), now,
                command.maxVisits(), Boolean.TRUE.equals(command.forwardQuery()), LinkRules.tags(command.tags()),
                LinkRules.title(command.title()));
        String by = command.owner() == null ? Caller.ANONYMOUS.name() : command.owner();
        apply(created, by(by, EXPIRY_SCHEDULE, schedule(deadlines, EXPIRY_DEADLINE, command.expiresAt())));
        return created;
    }

    /** A new aggregate without reading the code's stream: the event store refuses a name that has one. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public LinkCreated handle(CreateLinkUnderNewCodeCommand command, LinkRules rules, DeadlineManager deadlines) {
        return handle(command.link(), rules, deadlines);
    }

    /**
     * An imported link keeps its code and its original creation time. Taken and already imported are answers, not
     * exceptions, so that an import can create many links in one transaction (docs/adr/0073): the caller's own link
     * under the code with the same target is an earlier import of the same row.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportOutcome handle(ImportLinkCommand command, LinkRules rules, DeadlineManager deadlines) {
        Instant now = now();
        lapseOverdueReservation(now, deadlines);
        String checkedUrl = rules.checkImport(command, now);
        if (isLink()) {
            return command.owner().equals(owner) && checkedUrl.equals(url) ? ImportOutcome.ALREADY_IMPORTED : ImportOutcome.TAKEN;
        }
        if (reserved) {
            if (!owner.equals(command.owner())) {
                return ImportOutcome.TAKEN;
            }
            cancel(deadlines, LAPSE_DEADLINE, lapseSchedule);
        }
        Instant createdAt = command.createdAt() == null ? now : command.createdAt();
        apply(new LinkCreated(command.code(), checkedUrl, command.owner(), LinkRules.DEFAULT_REDIRECT_TYPE, null, createdAt,
                null, false, LinkRules.tags(command.tags()), LinkRules.title(command.title())),
                by(command.owner()).and(IMPORT, command.importId()));
        return ImportOutcome.IMPORTED;
    }

    /** An import without reading the code's stream: the event store refuses a name that has one. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public ImportOutcome handle(ImportLinkUnderNewCodeCommand command, LinkRules rules, DeadlineManager deadlines) {
        return handle(command.link(), rules, deadlines);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Reservation handle(ReserveAliasCommand command, LinkRules rules, DeadlineManager deadlines) {
        Instant now = now();
        lapseOverdueReservation(now, deadlines);
        if (isLink() || (reserved && !owner.equals(command.owner()))) {
            throw new CodeTakenException(command.alias());
        }
        rules.checkReservation(command.alias(), command.reservedUntil(), now);
        boolean renewal = reserved;
        if (renewal && reservedUntil.equals(command.reservedUntil())) {
            return new Reservation(code, owner, reservedUntil, false);
        }
        if (renewal) {
            cancel(deadlines, LAPSE_DEADLINE, lapseSchedule);
        }
        apply(new AliasReserved(command.alias(), command.owner(), command.reservedUntil(), now),
                by(command.owner(), LAPSE_SCHEDULE, schedule(deadlines, LAPSE_DEADLINE, command.reservedUntil())));
        return new Reservation(code, owner, reservedUntil, !renewal);
    }

    @CommandHandler
    public void handle(ReleaseAliasCommand command, DeadlineManager deadlines) {
        if (!reserved || !command.caller().mayManage(owner)) {
            throw new ReservationNotFoundException(command.alias());
        }
        cancel(deadlines, LAPSE_DEADLINE, lapseSchedule);
        apply(new AliasReleased(code, owner, now()), by(command.caller().name()));
    }

    @CommandHandler
    public LinkState handle(ChangeLinkCommand command, LinkRules rules, DeadlineManager deadlines) {
        Instant now = now();
        checkManageable(command.caller());
        LinkPatch patch = command.patch();
        String checkedUrl = rules.checkChange(patch, now);
        String newUrl = patch.sets(LinkPatch.URL) ? checkedUrl : url;
        Instant newExpiresAt = patch.sets(LinkPatch.EXPIRES_AT) ? patch.expiresAt() : expiresAt;
        int newRedirectType = redirectType;
        if (patch.sets(LinkPatch.REDIRECT_TYPE)) {
            newRedirectType = patch.redirectType() == null ? LinkRules.DEFAULT_REDIRECT_TYPE : patch.redirectType();
        }
        Integer newMaxVisits = patch.sets(LinkPatch.MAX_VISITS) ? patch.maxVisits() : maxVisits;
        boolean newForwardQuery = patch.sets(LinkPatch.FORWARD_QUERY) ? Boolean.TRUE.equals(patch.forwardQuery()) : forwardQuery;
        List<String> newTags = patch.sets(LinkPatch.TAGS) ? LinkRules.tags(patch.tags()) : tags;
        String newTitle = patch.sets(LinkPatch.TITLE) ? LinkRules.title(patch.title()) : title;
        LinkChanged changed = new LinkChanged(code, newUrl, newExpiresAt, newRedirectType, now, newMaxVisits,
                newForwardQuery, newTags, newTitle);
        if (changed.equals(new LinkChanged(code, url, expiresAt, redirectType, now, maxVisits, forwardQuery, tags, title))) {
            return state(now);
        }
        boolean expiryChanges = !Objects.equals(newExpiresAt, expiresAt);
        String schedule = expirySchedule;
        if (expiryChanges) {
            cancel(deadlines, EXPIRY_DEADLINE, expirySchedule);
            schedule = schedule(deadlines, EXPIRY_DEADLINE, newExpiresAt);
        }
        // An expiry that changes is validated to lie in the future, or removed: either way the link redirects again.
        // An exhausted link does when its limit is gone or above the visits it was exhausted at.
        boolean reactivates = (status == LinkStatus.EXPIRED && expiryChanges)
                || (status == LinkStatus.EXHAUSTED && !Objects.equals(newMaxVisits, maxVisits)
                    && (newMaxVisits == null || newMaxVisits > exhaustedVisits));
        String by = command.caller().name();
        apply(changed, by(by, EXPIRY_SCHEDULE, schedule));
        if (reactivates) {
            apply(new LinkReactivated(code, now), by(by));
        }
        return state(now);
    }

    /** The read side's count reached the limit: the link stops redirecting, if it is active and the limit still holds. */
    @CommandHandler
    public void handle(ExhaustLinkCommand command) {
        if (status == LinkStatus.ACTIVE && maxVisits != null && command.visits() >= maxVisits) {
            apply(new LinkExhausted(code, command.visits(), now()), by(SYSTEM));
        }
    }

    @CommandHandler
    public void handle(DeleteLinkCommand command, DeadlineManager deadlines) {
        checkManageable(command.caller());
        cancel(deadlines, EXPIRY_DEADLINE, expirySchedule);
        apply(new LinkDeleted(code, now()), by(command.caller().name()));
    }

    /** {@code firedAt} is when the deadline fired (in tests: when it was due), never before it was due. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void expireIfDue(@Timestamp Instant firedAt) {
        if (isLink() && status != LinkStatus.EXPIRED && status.at(expiresAt, firedAt) == LinkStatus.EXPIRED) {
            apply(new LinkExpired(code, expiresAt), by(SYSTEM));
        }
    }

    @DeadlineHandler(deadlineName = LAPSE_DEADLINE)
    void lapseIfDue(@Timestamp Instant firedAt) {
        if (reserved && !firedAt.isBefore(reservedUntil)) {
            apply(new AliasReservationLapsed(code, owner, reservedUntil), by(SYSTEM));
        }
    }

    /** A reservation past its time is over, even if its deadline has not fired yet. */
    private void lapseOverdueReservation(Instant now, DeadlineManager deadlines) {
        if (reserved && !now.isBefore(reservedUntil)) {
            cancel(deadlines, LAPSE_DEADLINE, lapseSchedule);
            lapseIfDue(now);
        }
    }

    private void checkManageable(Caller caller) {
        if (!isLink()) {
            throw new LinkNotFoundException(code);
        }
        if (status == LinkStatus.DELETED) {
            throw new LinkGoneException(code);
        }
        if (owner == null) {
            throw new ForbiddenException("Anonymous links cannot be changed or deleted");
        }
        if (!caller.mayManage(owner)) {
            throw new ForbiddenException("Only the owner of the link '" + code + "' may change or delete it");
        }
    }

    private boolean isLink() {
        return status != null;
    }

    private LinkState state(Instant now) {
        return new LinkState(code, url, createdAt, expiresAt, redirectType, status.at(expiresAt, now), maxVisits,
                forwardQuery, tags, title);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static MetaData by(String actor) {
        return MetaData.with(BY, actor);
    }

    private static MetaData by(String actor, String scheduleKey, String scheduleId) {
        return scheduleId == null ? by(actor) : by(actor).and(scheduleKey, scheduleId);
    }

    /** Schedules a deadline in this aggregate's scope; answers its schedule id, or {@code null} when there is no time. */
    private static String schedule(DeadlineManager deadlines, String deadline, Instant at) {
        return at == null ? null : deadlines.schedule(at, deadline);
    }

    /**
     * A deadline that is firing at this very moment cannot be cancelled any more (db-scheduler has picked it); it
     * needs no cancelling either: its handler checks the time and the state, and finds them moved on.
     */
    private static void cancel(DeadlineManager deadlines, String deadline, String scheduleId) {
        if (scheduleId != null) {
            try {
                deadlines.cancelSchedule(deadline, scheduleId);
            } catch (TaskInstanceCurrentlyExecutingException firingNow) {
                // nothing to undo: the firing deadline finds the link moved on
            }
        }
    }

    @EventSourcingHandler
    void on(AliasReserved event, @MetaDataValue(LAPSE_SCHEDULE) String schedule) {
        this.code = event.alias();
        this.reserved = true;
        this.owner = event.owner();
        this.reservedUntil = event.reservedUntil();
        this.lapseSchedule = schedule;
    }

    @EventSourcingHandler
    void on(AliasReleased event) {
        free();
    }

    @EventSourcingHandler
    void on(AliasReservationLapsed event) {
        free();
    }

    private void free() {
        this.reserved = false;
        this.owner = null;
        this.reservedUntil = null;
        this.lapseSchedule = null;
    }

    @EventSourcingHandler
    void on(LinkCreated event, @MetaDataValue(EXPIRY_SCHEDULE) String schedule) {
        free();
        this.code = event.code();
        this.status = LinkStatus.ACTIVE;
        this.owner = event.owner();
        this.url = event.url();
        this.redirectType = event.redirectType();
        this.expiresAt = event.expiresAt();
        this.createdAt = event.createdAt();
        this.expirySchedule = schedule;
        this.maxVisits = event.maxVisits();
        this.forwardQuery = event.forwardQuery();
        this.tags = event.tags();
        this.title = event.title();
    }

    @EventSourcingHandler
    void on(LinkChanged event, @MetaDataValue(EXPIRY_SCHEDULE) String schedule) {
        this.url = event.url();
        this.redirectType = event.redirectType();
        this.expiresAt = event.expiresAt();
        this.expirySchedule = schedule;
        this.maxVisits = event.maxVisits();
        this.forwardQuery = event.forwardQuery();
        this.tags = event.tags();
        this.title = event.title();
    }

    @EventSourcingHandler
    void on(LinkExhausted event) {
        this.status = LinkStatus.EXHAUSTED;
        this.exhaustedVisits = event.visits();
    }

    @EventSourcingHandler
    void on(LinkExpired event) {
        this.status = LinkStatus.EXPIRED;
        this.expirySchedule = null;
    }

    @EventSourcingHandler
    void on(LinkReactivated event) {
        this.status = LinkStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(LinkDeleted event) {
        this.status = LinkStatus.DELETED;
        this.expirySchedule = null;
    }
}
