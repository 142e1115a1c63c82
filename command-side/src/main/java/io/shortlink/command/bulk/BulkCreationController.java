package io.shortlink.command.bulk;

import io.shortlink.caller.Caller;
import io.shortlink.command.idempotency.IdempotentSteps;
import io.shortlink.command.link.CreateLinkRequest;
import io.shortlink.command.link.LinkResponse;
import io.shortlink.command.link.Shortener;
import io.shortlink.command.persistence.StorageDeadlines;
import io.shortlink.command.ratelimit.CreationRateLimits;
import io.shortlink.edge.EdgeAutoConfiguration;
import io.shortlink.edge.openapi.ProblemResponse;
import io.shortlink.edge.problem.ProblemResponses;
import io.shortlink.events.LinkCreated;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/links/bulk}: up to 1,000 creations in one request, each read, counted by the rate limit,
 * validated and created on its own, so that one bad item never fails the others.
 * <p>
 * Each item is a transaction of its own, also when an {@code Idempotency-Key} puts the whole request in the
 * transaction that stores its response: a refused item then rolls back only itself. A created item is recorded as a
 * step of the idempotent request in its own transaction, so that a retry after a failure half-way creates nothing
 * twice (see {@link IdempotentSteps}).
 */
@RestController
class BulkCreationController {

    static final int MAX_ITEMS = 1_000;

    private final Shortener shortener;
    private final CreationRateLimits rateLimits;
    private final IdempotentSteps steps;
    private final ProblemResponses problems;
    private final JsonMapper json;
    private final TransactionTemplate perItem;
    private final String baseUrl;

    BulkCreationController(Shortener shortener, CreationRateLimits rateLimits, IdempotentSteps steps, ProblemResponses problems,
                           JsonMapper json, PlatformTransactionManager transactions, @Value("${shortlink.base-url}") String baseUrl) {
        this.shortener = shortener;
        this.steps = steps;
        this.rateLimits = rateLimits;
        this.problems = problems;
        this.json = json;
        this.perItem = new TransactionTemplate(transactions);
        this.perItem.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.baseUrl = baseUrl;
    }

    @Operation(summary = "Create many links", description = "1 to 1,000 links, each created or refused on its own: always 200 with one result per item.")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "`links` is missing, empty or longer than 1,000 items")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 413, codes = "content-too-large", when = "The body is over 2 MB")
    @PostMapping(path = EdgeAutoConfiguration.BULK_CREATION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    BulkCreationResponse create(@RequestBody BulkCreationRequest request, Caller caller, HttpServletRequest http) {
        caller.requireApiKey();
        List<JsonNode> items = request.links();
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new ValidationException(List.of(new FieldViolation("links", "must have 1 to " + MAX_ITEMS + " items")));
        }
        List<BulkCreationResponse.ItemResult> results = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            results.add(createOne(index, items.get(index), caller, http));
        }
        return BulkCreationResponse.of(results);
    }

    private BulkCreationResponse.ItemResult createOne(int index, JsonNode item, Caller caller, HttpServletRequest http) {
        StorageDeadlines.restart();
        Optional<byte[]> done = steps.resultOf(http, index);
        if (done.isPresent()) {
            return created(index, json.readTree(done.get()));
        }
        try {
            rateLimits.consume(http);
            CreateLinkRequest link = read(item);
            return perItem.execute(transaction -> {
                LinkCreated created = shortener.shorten(link, caller.owner());
                JsonNode response = json.valueToTree(LinkResponse.of(created, baseUrl));
                steps.record(http, index, HttpStatus.CREATED.value(), json.writeValueAsBytes(response));
                return created(index, response);
            });
        } catch (RuntimeException refused) {
            ResponseEntity<Object> problem = problems.responseTo(refused);
            return new BulkCreationResponse.ItemResult(index, problem.getStatusCode().value(), null, problem.getBody());
        }
    }

    private static BulkCreationResponse.ItemResult created(int index, JsonNode link) {
        return new BulkCreationResponse.ItemResult(index, HttpStatus.CREATED.value(), link, null);
    }

    private CreateLinkRequest read(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new ValidationException(List.of(new FieldViolation("", "must be a JSON object")));
        }
        try {
            return json.treeToValue(item, CreateLinkRequest.class);
        } catch (DatabindException wrongType) {
            throw new ValidationException(List.of(new FieldViolation(ProblemResponses.fieldPath(wrongType), "has the wrong type")));
        } catch (JacksonException malformed) {
            throw new ValidationException(List.of(new FieldViolation("", "is not a valid link")));
        }
    }
}
