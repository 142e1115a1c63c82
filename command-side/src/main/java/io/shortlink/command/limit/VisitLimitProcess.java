package io.shortlink.command.limit;

import io.shortlink.command.link.ExhaustLinkCommand;
import io.shortlink.events.VisitLimitReached;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The command side's half of visit limits (docs/adr/0024): a tracking handler on the read side's reports (a Kafka
 * topic) that asks the link to exhaust itself. The aggregate decides: a limit raised meanwhile, or a link no longer
 * active, makes the report change nothing, so a report handled twice is harmless. A command that fails (the event
 * store unavailable) fails the batch, which the processor retries.
 */
@Component
@ProcessingGroup(VisitLimitProcess.PROCESSING_GROUP)
public class VisitLimitProcess {

    public static final String PROCESSING_GROUP = "visit-limits";

    private final CommandGateway commands;

    VisitLimitProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(VisitLimitReached reached) {
        try {
            commands.sendAndWait(new ExhaustLinkCommand(reached.code(), reached.visits()));
        } catch (AggregateNotFoundException unknown) {
            // a report for a code that was never a link changes nothing
        }
    }
}
