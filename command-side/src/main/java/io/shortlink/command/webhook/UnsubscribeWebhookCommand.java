package io.shortlink.command.webhook;

import io.shortlink.caller.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a webhook on behalf of {@code caller}, who must own it or be an admin. */
public record UnsubscribeWebhookCommand(@TargetAggregateIdentifier String id, Caller caller) {
}
