package io.shortlink.command.link;

import io.shortlink.events.LinkCreated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;

/** Turns a request to shorten a URL into a {@link CreateLinkCommand} under the alias or a fresh generated code. */
@Service
public class Shortener {

    /** A generated code can only be taken already by an alias of the same shape; a second number settles it. */
    private static final int GENERATED_CODE_ATTEMPTS = 3;

    private final CommandGateway commands;
    private final LinkCodes codes;
    private final CreationMetrics metrics;
    private final LinkRules rules;

    Shortener(CommandGateway commands, LinkCodes codes, CreationMetrics metrics, LinkRules rules) {
        this.commands = commands;
        this.codes = codes;
        this.metrics = metrics;
        this.rules = rules;
    }

    public LinkCreated shorten(CreateLinkRequest request, String owner) {
        try {
            LinkCreated created = createUnderAliasOrCode(request, owner);
            metrics.created();
            return created;
        } catch (RuntimeException refused) {
            metrics.refused(refused);
            throw refused;
        }
    }

    private LinkCreated createUnderAliasOrCode(CreateLinkRequest request, String owner) {
        if (request.alias() != null) {
            CreateLinkCommand command = command(request.alias(), true, request, owner);
            if (!LinkRules.isAliasShaped(request.alias())) {
                // The alias is the aggregate's identifier, which loading puts into an event store query (a NUL fails
                // it): the rules refuse such a command here, with every invalid field, as the aggregate would.
                rules.checkCreation(command, Instant.now());
            }
            return create(command.code(), command);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                CreateLinkCommand command = command(codes.next(), false, request, owner);
                return create(command.code(), generated(command));
            } catch (CodeTakenException taken) {
                if (attempt == GENERATED_CODE_ATTEMPTS) {
                    throw new IllegalStateException("No free generated code after " + attempt + " attempts", taken);
                }
            }
        }
    }

    private static CreateLinkCommand command(String code, boolean alias, CreateLinkRequest request, String owner) {
        return new CreateLinkCommand(code, alias, request.url(), owner, request.redirectType(), request.expiresAt(),
                request.maxVisits(), request.forwardQuery(), request.tags(), request.title());
    }

    /**
     * A generated code's stream is not read when the creation is a transaction of its own: a name with a stream is
     * refused by the event store's unique key, and its rollback touches nothing else. Inside a larger transaction
     * (an Idempotency-Key's, a bulk item's) that refusal would abort the whole transaction and the next code with it,
     * so there the stream is read first and a taken code refused without an error in the database.
     */
    private static Object generated(CreateLinkCommand command) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? command : new CreateLinkUnderNewCodeCommand(command);
    }

    private LinkCreated create(String code, Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateStreamCreationException lostTheRace) {
            throw new CodeTakenException(code);
        }
    }
}
