package io.shortlink.query.catalog;

import io.shortlink.caller.Caller;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.LinkNotFoundException;
import io.shortlink.refusal.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

@RestController
@RequestMapping("/api/v1/links")
public class LinkCatalogController {

    static final int MAX_PAGE_SIZE = 100;

    private final LinkReads reads;

    LinkCatalogController(LinkReads reads) {
        this.reads = reads;
    }

    @Operation(summary = "A link's metadata", description = "Public for every link.")
    @ProblemResponse(status = 404, codes = "link-not-found", when = "No link has this code")
    @GetMapping("/{code}")
    public LinkDetails details(@PathVariable String code) {
        return reads.details(code).orElseThrow(() -> new LinkNotFoundException(code));
    }

    @Operation(summary = "The caller's links", description = "Newest first, deleted links left out.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @GetMapping
    public LinkPage mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                         Caller caller) {
        caller.requireApiKey();
        List<FieldViolation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new FieldViolation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new FieldViolation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return reads.ofOwner(caller.owner(), page, size);
    }
}
