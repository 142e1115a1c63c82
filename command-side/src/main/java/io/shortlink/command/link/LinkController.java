package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.events.LinkCreated;
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

    @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the response entity sets it too
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LinkResponse> shorten(@RequestBody CreateLinkRequest request, Caller caller) {
        LinkCreated created = shortener.shorten(request.url(), request.alias(), caller.owner(), request.redirectType(), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/links/" + created.code()))
                .body(LinkResponse.of(created, baseUrl));
    }

    @PatchMapping(path = "/{code}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    public LinkResponse change(@PathVariable String code, @RequestBody Map<String, Object> patch, Caller caller) {
        return LinkResponse.of(links.change(code, LinkPatch.of(patch), caller), baseUrl);
    }

    @DeleteMapping("/{code}")
    public ResponseEntity<Void> delete(@PathVariable String code, Caller caller) {
        links.delete(code, caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{code}/history")
    public List<LinkHistory.Entry> history(@PathVariable String code, Caller caller) {
        return history.of(code, caller);
    }
}
