package io.shortlink.edge.openapi;

import io.shortlink.edge.problem.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts each endpoint's {@link ProblemResponse}s into the OpenAPI document, and the failures every API call shares:
 * an unknown or revoked key ({@code 401}) and a store that cannot be reached ({@code 503}).
 */
public class ProblemResponsesInOpenApi implements OperationCustomizer {

    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        for (ProblemResponse problem : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), ProblemResponse.class)) {
            add(operation, problem.status(), problem.when(), problem.codes());
        }
        if (!operation.getResponses().containsKey("401")) {
            add(operation, 401, "An API key was sent but is unknown, revoked or malformed", "invalid-api-key");
        }
        add(operation, 503, "A store this request needs cannot be reached; nothing was changed, retry later", "storage-unavailable");
        return operation;
    }

    /** One response per status; a second problem of the same status joins its codes. */
    public static void add(Operation operation, int status, String when, String... codes) {
        String key = Integer.toString(status);
        ApiResponse response = operation.getResponses().get(key);
        MediaType media = response == null || response.getContent() == null ? null : response.getContent().get(Problems.MEDIA_TYPE);
        if (media == null) {
            media = new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA));
            operation.getResponses().addApiResponse(key, new ApiResponse().description(describe(when, codes))
                    .content(new Content().addMediaType(Problems.MEDIA_TYPE, media)));
        } else {
            response.setDescription(response.getDescription() + "; or " + describe(when, codes));
        }
        for (String code : codes) {
            media.addExamples(code, new Example().value(example(status, code, when)));
        }
    }

    private static String describe(String when, String... codes) {
        return when + " (`" + String.join("`, `", codes) + "`)";
    }

    private static Map<String, Object> example(int status, String code, String when) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.typeOf(code));
        HttpStatus known = HttpStatus.resolve(status);
        example.put("title", known == null ? "Error" : known.getReasonPhrase());
        example.put("status", status);
        example.put("detail", when);
        example.put("code", code);
        return example;
    }
}
