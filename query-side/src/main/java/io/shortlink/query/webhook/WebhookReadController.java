package io.shortlink.query.webhook;

import io.shortlink.caller.Caller;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.refusal.WebhookNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The caller's webhooks and a webhook's delivery log (API key; someone else's webhook is unknown, 404). */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookReadController {

    static final int DELIVERY_LOG_SIZE = 100;

    private final WebhookStore store;

    WebhookReadController(WebhookStore store) {
        this.store = store;
    }

    record WebhookResponse(String id, String url, List<String> events, Instant createdAt) {
    }

    @Operation(summary = "Your webhooks", description = "The caller's webhooks, newest first, without their secrets.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @GetMapping
    List<WebhookResponse> mine(Caller caller) {
        caller.requireApiKey();
        return store.ofOwner(caller.owner()).stream()
                .map(webhook -> new WebhookResponse(webhook.id(), webhook.url(), webhook.events(), webhook.createdAt())).toList();
    }

    @Operation(summary = "A webhook's deliveries", description = "The latest 100, newest first: DELIVERED, RETRYING or FAILED, with attempts and the last answer.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 404, codes = "webhook-not-found", when = "No webhook of the caller has this id")
    @GetMapping("/{id}/deliveries")
    List<WebhookStore.Delivery> deliveries(@PathVariable String id, Caller caller) {
        caller.requireApiKey();
        WebhookStore.Webhook webhook = store.find(id).filter(found -> caller.mayManage(found.owner()))
                .orElseThrow(() -> new WebhookNotFoundException(id));
        return store.deliveries(webhook.id(), DELIVERY_LOG_SIZE);
    }
}
