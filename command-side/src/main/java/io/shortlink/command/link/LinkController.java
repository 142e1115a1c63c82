package io.shortlink.command.link;

import io.shortlink.command.caller.Caller;
import io.shortlink.events.LinkCreated;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/v1/links")
public class LinkController {

    private final Shortener shortener;
    private final String baseUrl;

    public LinkController(Shortener shortener, @Value("${shortlink.base-url}") String baseUrl) {
        this.shortener = shortener;
        this.baseUrl = baseUrl;
    }

    @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the response entity sets it too
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LinkResponse> shorten(@RequestBody CreateLinkRequest request, Caller caller) {
        LinkCreated created = shortener.shorten(request.url(), request.alias(), caller.owner(), request.redirectType(), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/links/" + created.code()))
                .body(LinkResponse.of(created, baseUrl));
    }
}
