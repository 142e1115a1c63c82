package io.shortlink.command.webhook;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Subscribes {@code url} (already checked and in its stored form) to {@code events} of the owner's links. */
public record SubscribeWebhookCommand(@TargetAggregateIdentifier String id, String owner, String url, List<String> events) {
}
