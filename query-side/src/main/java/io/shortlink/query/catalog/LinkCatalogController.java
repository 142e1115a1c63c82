package io.shortlink.query.catalog;

import io.shortlink.query.caller.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/links")
public class LinkCatalogController {

    static final int MAX_PAGE_SIZE = 100;
    private static final String PROBLEM_TYPE_BASE = "https://shortlink.io/problems/";

    private final LinkReads reads;

    LinkCatalogController(LinkReads reads) {
        this.reads = reads;
    }

    @GetMapping("/{code}")
    public ResponseEntity<?> details(@PathVariable String code) {
        return reads.details(code).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "link-not-found", "There is no link with the code '" + code + "'"));
    }

    @GetMapping
    public ResponseEntity<?> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                                  Caller caller) {
        if (caller.isAnonymous()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(problemDetail(HttpStatus.UNAUTHORIZED, "unauthorized", "Listing your links needs an API key"));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(Map.of("field", "page", "message", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(Map.of("field", "size", "message", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            ProblemDetail invalid = problemDetail(HttpStatus.BAD_REQUEST, "validation-failed", "The paging parameters are not valid");
            invalid.setProperty("errors", errors);
            return ResponseEntity.badRequest().body(invalid);
        }
        return ResponseEntity.ok(reads.ofOwner(caller.owner(), page, size));
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(problemDetail(status, code, detail));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_TYPE_BASE + code));
        problem.setProperty("code", code);
        return problem;
    }
}
