package io.shortlink.command.apikey;

import io.shortlink.command.idempotency.IdempotencyFilter;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.edge.security.ApiKeys;
import io.shortlink.events.ApiKeyIssued;
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
import java.util.List;

/** Issuing and revoking API keys; admin only (enforced by the security filter chain). */
@RestController
@RequestMapping("/api/v1/admin/keys")
public class ApiKeyController {

    private final CommandGateway commands;

    public ApiKeyController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Issue an API key", description = "The key is shown only in this answer and stored only as a hash.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the admin key")
    @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the response entity sets it too
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IssuedApiKeyResponse> issue(@RequestBody IssueApiKeyRequest request, HttpServletRequest http) {
        // Keys exist only as hashes: an idempotent replay of this answer comes without the key.
        http.setAttribute(IdempotencyFilter.SECRET_FIELDS, List.of("key"));
        String key = ApiKeys.generate();
        ApiKeyIssued issued = commands.sendAndWait(
                new IssueApiKeyCommand(ApiKeyIds.next(), request.owner(), ApiKeys.hash(key), request.rateLimitPerHour()));
        return ResponseEntity.created(URI.create("/api/v1/admin/keys/" + issued.id()))
                .body(new IssuedApiKeyResponse(issued.id(), key, issued.owner(), issued.issuedAt()));
    }

    @Operation(summary = "Revoke an API key")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the admin key")
    @ProblemResponse(status = 404, codes = "api-key-not-found", when = "No key has this id")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!ApiKeyIds.isKeyId(id)) {
            throw new ApiKeyNotFoundException(id);
        }
        try {
            commands.sendAndWait(new RevokeApiKeyCommand(id));
        } catch (AggregateNotFoundException unknown) {
            throw new ApiKeyNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }
}
