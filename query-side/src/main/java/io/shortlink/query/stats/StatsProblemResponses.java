package io.shortlink.query.stats;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the stats endpoint's own problems ahead of any application-wide handler, keeping their codes. */
@RestControllerAdvice(assignableTypes = LinkStatsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StatsProblemResponses {

    @ExceptionHandler(StatsProblem.class)
    ResponseEntity<ProblemDetail> problem(StatsProblem problem) {
        return ResponseEntity.status(problem.problem().getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.problem());
    }
}
