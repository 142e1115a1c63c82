package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.events.LinkCreated;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/links")
public class LinkController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Shortener shortener;
    private final LinkCommands links;
    private final LinkHistory history;
    private final String baseUrl;

    public LinkController(Shortener shortener, LinkCommands links, LinkHistory history,
                          @Value("${shortlink.base-url}") String baseUrl) {
        this.shortener = shortener;
        this.links = links;
        this.history = history;
        this.baseUrl = baseUrl;
    }

    @Operation(summary = "Shorten a URL", description = "A generated 7-character code, or the alias asked for. Anonymous when the deployment allows it.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "Anonymous creation is switched off and no API key was sent")
    @ProblemResponse(status = 409, codes = "alias-taken", when = "The alias is a link's code or another owner's reservation")
    @ProblemResponse(status = 413, codes = "content-too-large", when = "The body is over 64 KB")
    @ProblemResponse(status = 429, codes = {"rate-limited", "too-many-uploads"}, when = "Over the hourly creation limit, or too many bodies in progress from this client")
    @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the response entity sets it too
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LinkResponse> shorten(@RequestBody CreateLinkRequest request, Caller caller) {
        LinkCreated created = shortener.shorten(request.url(), request.alias(), caller.owner(), request.redirectType(), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/links/" + created.code()))
                .body(LinkResponse.of(created, baseUrl));
    }

    @Operation(summary = "Change a link", description = "A JSON merge patch: absent fields stay, `expiresAt: null` removes the expiry; a future `expiresAt` reactivates an expired link.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the owner's or an admin's")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @ProblemResponse(status = 410, codes = "link-gone", when = "The link was deleted")
    @PatchMapping(path = "/{code}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    public LinkResponse change(@PathVariable String code, @RequestBody Map<String, Object> patch, Caller caller) {
        return LinkResponse.of(links.change(code, LinkPatch.of(patch), caller), baseUrl);
    }

    @Operation(summary = "Delete a link", description = "From then on the short URL answers 410; the code is never given out again.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the owner's or an admin's")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{code}")
    public ResponseEntity<Void> delete(@PathVariable String code, Caller caller) {
        links.delete(code, caller);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A link's audit trail", description = "The link's own events, oldest first.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the owner's or an admin's")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @GetMapping("/{code}/history")
    public List<LinkHistory.Entry> history(@PathVariable String code, Caller caller) {
        return history.of(code, caller);
    }
}
