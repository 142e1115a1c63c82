package io.shortlink.command.link;

import io.shortlink.events.LinkCreated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Service;

import java.time.Instant;

/** Turns a request to shorten a URL into a {@link CreateLinkCommand} under the alias or a fresh generated code. */
@Service
public class Shortener {

    /** A generated code can only be taken already by an alias of the same shape; a second number settles it. */
    private static final int GENERATED_CODE_ATTEMPTS = 3;

    private final CommandGateway commands;
    private final LinkCodes codes;

    public Shortener(CommandGateway commands, LinkCodes codes) {
        this.commands = commands;
        this.codes = codes;
    }

    public LinkCreated shorten(String url, String alias, String owner, Integer redirectType, Instant expiresAt) {
        if (alias != null) {
            try {
                return commands.sendAndWait(new CreateLinkCommand(alias, true, url, owner, redirectType, expiresAt));
            } catch (AggregateStreamCreationException taken) {
                throw new AliasTakenException(alias);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(new CreateLinkCommand(codes.next(), false, url, owner, redirectType, expiresAt));
            } catch (AggregateStreamCreationException taken) {
                if (attempt == GENERATED_CODE_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }
}
