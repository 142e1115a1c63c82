package io.shortlink.command.idempotency;

import io.shortlink.edge.openapi.ProblemResponsesInOpenApi;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.Set;

/** The {@code Idempotency-Key} header of the command side's writes, and its problems, in the OpenAPI document. */
@Component
class IdempotencyInOpenApi implements OperationCustomizer {

    private static final Set<RequestMethod> WRITES = Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        boolean write = mapping != null && Arrays.stream(mapping.method()).anyMatch(WRITES::contains);
        if (write && handler.getBeanType().getPackageName().startsWith("io.shortlink.command")) {
            operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                    .description("Any string of 1 to " + IdempotencyFilter.MAX_KEY_LENGTH + " characters: the same key with the "
                            + "same body within 24 h answers the first response again and changes nothing")
                    .schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
            ProblemResponsesInOpenApi.add(operation, 400, "The Idempotency-Key is empty or too long", "invalid-idempotency-key");
            ProblemResponsesInOpenApi.add(operation, 409, "The first request with this Idempotency-Key is still running", "idempotency-key-in-use");
            ProblemResponsesInOpenApi.add(operation, 422, "This Idempotency-Key was used with another request", "idempotency-key-reused");
        }
        return operation;
    }
}
