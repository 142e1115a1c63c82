package io.shortlink.query.catalog;

import io.shortlink.query.caller.Caller;
import io.shortlink.query.problem.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

@RestController
@RequestMapping("/api/v1/links")
public class LinkCatalogController {

    static final int MAX_PAGE_SIZE = 100;
    private static final Pattern TAG = Pattern.compile("[a-z0-9-]{1,32}");

    private final LinkReads reads;

    LinkCatalogController(LinkReads reads) {
        this.reads = reads;
    }

    @GetMapping("/{code}")
    public ResponseEntity<?> details(@PathVariable String code) {
        return reads.details(code).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> Problems.problem(HttpStatus.NOT_FOUND, "link-not-found", "There is no link with the code '" + code + "'"));
    }

    @GetMapping
    public ResponseEntity<?> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                                  @Parameter(description = "only the links with this tag (case-insensitive)")
                                  @RequestParam(required = false) String tag,
                                  Caller caller) {
        if (caller.isAnonymous()) {
            return Problems.unauthorized("Listing your links needs an API key");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(Map.of("field", "page", "message", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(Map.of("field", "size", "message", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        String wantedTag = tag == null ? null : tag.toLowerCase(Locale.ROOT);
        if (wantedTag != null && !TAG.matcher(wantedTag).matches()) {
            errors.add(Map.of("field", "tag", "message", "must be 1 to 32 characters of a-z, 0-9 and '-'"));
        }
        if (!errors.isEmpty()) {
            ProblemDetail invalid = Problems.problemDetail(HttpStatus.BAD_REQUEST, "validation-failed", "The query parameters are not valid");
            invalid.setProperty("errors", errors);
            return ResponseEntity.badRequest().body(invalid);
        }
        return ResponseEntity.ok(reads.ofOwner(caller.owner(), wantedTag, page, size));
    }
}
