package io.shortlink.command.webhook;

import io.shortlink.caller.Caller;
import io.shortlink.command.idempotency.IdempotencyFilter;
import io.shortlink.command.link.LinkRules;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.edge.webhook.WebhookSecrets;
import io.shortlink.edge.webhook.WebhookTargets;
import io.shortlink.events.WebhookSubscribed;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import io.shortlink.refusal.WebhookNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Subscribing and deleting webhooks (API key). The list and the delivery log are reads: the query side's. */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    private final CommandGateway commands;
    private final LinkRules rules;
    private final WebhookTargets targets;
    private final WebhookSecrets secrets;

    WebhookController(CommandGateway commands, LinkRules rules, WebhookTargets targets, WebhookSecrets secrets) {
        this.commands = commands;
        this.rules = rules;
        this.targets = targets;
        this.secrets = secrets;
    }

    record SubscribeRequest(String url, List<String> events) {
    }

    record SubscribedResponse(String id, String url, List<String> events, String secret, Instant createdAt) {
    }

    @Operation(summary = "Subscribe a webhook", description = "Changes of the caller's links are POSTed, signed, to the URL; the secret is shown only in this answer.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "The URL or an event type breaks a rule, or the URL's host is an internal address")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the response entity sets it too
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubscribedResponse> subscribe(@RequestBody SubscribeRequest request, Caller caller, HttpServletRequest http) {
        caller.requireApiKey();
        // The secret is shown once: an idempotent replay of this answer comes without it.
        http.setAttribute(IdempotencyFilter.SECRET_FIELDS, List.of("secret"));
        String url = rules.checkWebhookUrl(request.url());
        targets.refusal(url).ifPresent(reason -> {
            throw new ValidationException(List.of(new FieldViolation("url", "must not point at an internal address: " + reason)));
        });
        WebhookSubscribed subscribed = commands.sendAndWait(
                new SubscribeWebhookCommand(WebhookIds.next(), caller.name(), url, request.events()));
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + subscribed.id())).body(new SubscribedResponse(
                subscribed.id(), subscribed.url(), subscribed.events(), secrets.of(subscribed.id()), subscribed.subscribedAt()));
    }

    @Operation(summary = "Delete a webhook", description = "Nothing more is delivered to it, pending deliveries included.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 404, codes = "webhook-not-found", when = "No webhook of the caller has this id")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Caller caller) {
        caller.requireApiKey();
        if (!WebhookIds.isWebhookId(id)) {
            throw new WebhookNotFoundException(id);
        }
        try {
            commands.sendAndWait(new UnsubscribeWebhookCommand(id, caller));
        } catch (AggregateNotFoundException unknown) {
            throw new WebhookNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }
}
