package io.shortlink.query.catalog;

import io.shortlink.query.caller.Caller;
import io.shortlink.query.problem.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
import java.util.Map;

@RestController
@RequestMapping("/api/v1/links")
public class LinkCatalogController {

    static final int MAX_PAGE_SIZE = 100;

    private final LinkReads reads;
    private final LinkExport export;

    LinkCatalogController(LinkReads reads, LinkExport export) {
        this.reads = reads;
        this.export = export;
    }

    /** Streamed as it is read: the response is written here, not by a message converter. */
    @GetMapping("/export")
    public ResponseEntity<?> export(Caller caller, HttpServletResponse response) throws IOException {
        if (caller.isAnonymous()) {
            return Problems.unauthorized("Exporting your links needs an API key");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"links.csv\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            export.write(caller.owner(), out);
        }
        return null;
    }

    @GetMapping("/{code}")
    public ResponseEntity<?> details(@PathVariable String code) {
        return reads.details(code).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> Problems.problem(HttpStatus.NOT_FOUND, "link-not-found", "There is no link with the code '" + code + "'"));
    }

    @GetMapping
    public ResponseEntity<?> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
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
        if (!errors.isEmpty()) {
            ProblemDetail invalid = Problems.problemDetail(HttpStatus.BAD_REQUEST, "validation-failed", "The paging parameters are not valid");
            invalid.setProperty("errors", errors);
            return ResponseEntity.badRequest().body(invalid);
        }
        return ResponseEntity.ok(reads.ofOwner(caller.owner(), page, size));
    }
}
