package io.shortlink.query.live;

import io.shortlink.caller.Caller;
import io.shortlink.caller.ForbiddenException;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.query.stats.KnownLink;
import io.shortlink.query.stats.LinkStatsQueries;
import io.shortlink.refusal.LinkNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class LiveClicksController {

    private final LiveClicks live;
    private final LinkStatsQueries links;

    LiveClicksController(LiveClicks live, LinkStatsQueries links) {
        this.live = live;
        this.links = links;
    }

    @Operation(summary = "Watch a link's clicks as they happen",
            description = "Server-sent events: an event `click` per click within 2 s of the redirect, a comment at least every 15 s.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the owner's or an admin's")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @ProblemResponse(status = 429, codes = "too-many-streams", when = "The key has as many live streams open as it may")
    @GetMapping(path = "/api/v1/links/{code}/clicks/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter watch(@PathVariable String code, Caller caller) {
        caller.requireApiKey();
        KnownLink link = links.link(code).orElseThrow(() -> new LinkNotFoundException(code));
        if (!caller.mayManage(link.owner())) {
            throw new ForbiddenException("Only the owner of " + code + " (or an admin) may watch its clicks");
        }
        return live.watch(code, caller.name());
    }
}
