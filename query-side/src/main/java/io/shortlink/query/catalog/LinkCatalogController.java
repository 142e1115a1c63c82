package io.shortlink.query.catalog;

import io.shortlink.caller.Caller;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.events.Tags;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.LinkNotFoundException;
import io.shortlink.refusal.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping("/api/v1/links")
public class LinkCatalogController {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_SEARCH_LENGTH = 200;

    private final LinkReads reads;
    private final LinkExport export;

    LinkCatalogController(LinkReads reads, LinkExport export) {
        this.reads = reads;
        this.export = export;
    }

    /** Streamed as it is read: the response is written here, not by a message converter. */
    @Operation(summary = "Export your links as CSV", description = "The caller's links that are not deleted, newest first, streamed as `text/csv`.")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @GetMapping("/export")
    public void export(Caller caller, HttpServletResponse response) throws IOException {
        caller.requireApiKey();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"links.csv\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            export.write(caller.owner(), out);
        }
    }

    @Operation(summary = "A link's metadata", description = "Public for every link.")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @GetMapping("/{code}")
    public LinkDetails details(@PathVariable String code) {
        return reads.details(code).orElseThrow(() -> new LinkNotFoundException(code));
    }

    @Operation(summary = "The caller's links", description = "Newest first, deleted links left out; `tag` keeps those with"
            + " that tag, `q` those whose code, target URL or title contains the text. Both may be combined with each other and"
            + " with paging.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @GetMapping
    public LinkPage mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                         @Parameter(description = "only the links with this tag (case-insensitive)")
                         @RequestParam(required = false) String tag,
                         @Parameter(description = "only the links whose code, target URL or title contains this text, ignoring"
                                 + " case (at most " + MAX_SEARCH_LENGTH + " characters, no control characters; blank: no search)")
                         @RequestParam(required = false) String q,
                         Caller caller) {
        caller.requireApiKey();
        List<FieldViolation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new FieldViolation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new FieldViolation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        String wantedTag = tag == null ? null : tag.toLowerCase(Locale.ROOT);
        if (wantedTag != null && !Tags.isTag(wantedTag)) {
            violations.add(new FieldViolation("tag", "must be 1 to 32 characters of a-z, 0-9 and '-'"));
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_SEARCH_LENGTH) {
            violations.add(new FieldViolation("q", "must be at most " + MAX_SEARCH_LENGTH + " characters"));
        } else if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation("q", "must not contain control characters such as line breaks"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return reads.ofOwner(caller.owner(), new LinkFilter(wantedTag, text), page, size);
    }
}
