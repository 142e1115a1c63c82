package io.shortlink.command.alias;

import io.shortlink.caller.Caller;
import io.shortlink.command.link.CodeTakenException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sends the reservation commands, with the default reservation time when the caller names none. */
@Service
public class Reservations {

    private final CommandGateway commands;
    private final Duration defaultReservation;
    private final Clock clock;

    public Reservations(CommandGateway commands, @Value("${shortlink.aliases.default-reservation}") Duration defaultReservation) {
        this.commands = commands;
        this.defaultReservation = defaultReservation;
        this.clock = Clock.systemUTC();
    }

    /** Reserves the alias for the caller, who must have an API key. */
    public Reservation reserve(String alias, Instant reservedUntil, Caller caller) {
        String owner = caller.requireApiKey().name();
        Instant until = reservedUntil == null ? clock.instant().plus(defaultReservation) : reservedUntil;
        try {
            return commands.sendAndWait(new ReserveAliasCommand(alias, owner, until));
        } catch (AggregateStreamCreationException lostTheRace) {
            // Another request created this name at the same moment; the event store kept the other one.
            throw new CodeTakenException(alias);
        }
    }

    public void release(String alias, Caller caller) {
        caller.requireApiKey();
        try {
            commands.sendAndWait(new ReleaseAliasCommand(alias, caller));
        } catch (AggregateNotFoundException neverUsed) {
            throw new ReservationNotFoundException(alias);
        }
    }
}
