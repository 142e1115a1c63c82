package io.shortlink.command.apikey;

import io.shortlink.edge.security.ApiKeyPrincipal;
import io.shortlink.events.ApiKeyIssued;
import io.shortlink.events.ApiKeyRevoked;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An API key: issued once to an owner, revoked at most once. */
@Aggregate
public class ApiKey {

    public static final int MAX_RATE_LIMIT_PER_HOUR = 1_000_000;
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** Names the API shows for callers who are not key owners. */
    private static final Set<String> RESERVED_OWNERS = Set.of(ApiKeyPrincipal.ADMIN_OWNER, "anonymous");

    @AggregateIdentifier
    private String id;
    private boolean revoked;

    protected ApiKey() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ApiKeyIssued handle(IssueApiKeyCommand command) {
        if (id != null || !ApiKeyIds.isKeyId(command.id())) {
            throw new IllegalArgumentException("Not a fresh API key id: " + command.id());
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (command.owner() == null || !OWNER.matcher(command.owner()).matches()) {
            violations.add(new FieldViolation("owner", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '@' and '-'"));
        } else if (RESERVED_OWNERS.contains(command.owner().toLowerCase(Locale.ROOT))) {
            violations.add(new FieldViolation("owner", "is a reserved name"));
        }
        Integer limit = command.rateLimitPerHour();
        if (limit != null && (limit < 1 || limit > MAX_RATE_LIMIT_PER_HOUR)) {
            violations.add(new FieldViolation("rateLimitPerHour", "must be between 1 and " + MAX_RATE_LIMIT_PER_HOUR));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        ApiKeyIssued issued = new ApiKeyIssued(command.id(), command.owner(), command.keyHash(), limit,
                GenericEventMessage.clock.instant());
        apply(issued);
        return issued;
    }

    /** Revoking twice changes nothing and is no error; an id that names no key is. */
    @CommandHandler
    public void handle(RevokeApiKeyCommand command) {
        if (id == null) {
            throw new ApiKeyNotFoundException(command.id());
        }
        if (!revoked) {
            apply(new ApiKeyRevoked(id, GenericEventMessage.clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        this.id = event.id();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        this.revoked = true;
    }
}
