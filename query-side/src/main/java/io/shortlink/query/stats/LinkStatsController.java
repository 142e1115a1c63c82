package io.shortlink.query.stats;

import io.shortlink.caller.Caller;
import io.shortlink.caller.ForbiddenException;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.refusal.LinkNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** {@code GET /api/v1/links/{code}/stats}: public for anonymous links, the owner's (or an admin's) for owned ones. */
@RestController
class LinkStatsController {

    private final LinkStatsQueries queries;
    private final int defaultDays;
    private final int maxDays;
    private final Clock clock = Clock.systemUTC();

    LinkStatsController(LinkStatsQueries queries, @Value("${shortlink.stats.default-days}") int defaultDays,
                        @Value("${shortlink.stats.max-days}") int maxDays) {
        this.queries = queries;
        this.defaultDays = defaultDays;
        this.maxDays = maxDays;
    }

    @Operation(summary = "A link's click statistics", description = "Per day and by referrer, country, browser, OS and device; bots apart. Public for anonymous links, the owner's for owned ones.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the owner's or an admin's")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @GetMapping("/api/v1/links/{code}/stats")
    LinkStats stats(@PathVariable String code, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, Caller caller) {
        StatsRange range = StatsRange.of(from, to, LocalDate.now(clock), defaultDays, maxDays);
        KnownLink link = queries.link(code).orElseThrow(() -> new LinkNotFoundException(code));
        if (link.owner() != null && !caller.mayManage(link.owner())) {
            throw new ForbiddenException("Only the owner of " + code + " may read its stats.");
        }
        return queries.stats(code, range);
    }
}
