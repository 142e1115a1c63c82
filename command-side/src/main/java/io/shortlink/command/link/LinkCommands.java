package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.refusal.LinkNotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/** Sends the commands that change or delete an existing link; a code that was never used is no link. */
@Service
public class LinkCommands {

    private final CommandGateway commands;

    public LinkCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public LinkState change(String code, LinkPatch patch, Caller caller) {
        return send(code, new ChangeLinkCommand(code, caller, patch));
    }

    public void delete(String code, Caller caller) {
        send(code, new DeleteLinkCommand(code, caller));
    }

    private <R> R send(String code, Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            throw new LinkNotFoundException(code);
        }
    }
}
