package io.shortlink.query.redirect;

import io.shortlink.edge.openapi.ProblemResponsesInOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The redirect, {@code GET} and {@code HEAD /{code}}, in the OpenAPI document: it is answered by {@link RedirectFilter}
 * ahead of Spring MVC, so springdoc cannot find it by itself.
 */
@Component
class RedirectInOpenApi implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        openApi.path("/{code}", new PathItem()
                .get(redirect("redirect", "Follow a short link",
                        "Redirects to the link's URL with its redirect type and records one click (bots apart, never delayed by it)."))
                .head(redirect("redirectHead", "Check a short link", "The same answer as GET, without a body; records no click.")));
    }

    private static Operation redirect(String id, String summary, String description) {
        ApiResponses responses = new ApiResponses();
        for (String status : List.of("301", "302", "307", "308")) {
            responses.addApiResponse(status, new ApiResponse().description("The link's redirect type (302 by default)")
                    .addHeaderObject("Location", new Header().description("The link's URL").schema(new StringSchema().format("uri")))
                    .addHeaderObject("Cache-Control", new Header().description("private, max-age=0 (301 and 308: private, max-age=300)")
                            .schema(new StringSchema())));
        }
        Operation operation = new Operation().operationId(id).summary(summary).description(description)
                .addTagsItem("redirect").security(List.of(new SecurityRequirement()))
                .addParametersItem(new PathParameter().name("code").description("A generated code or an alias")
                        .schema(new StringSchema().pattern("^[A-Za-z0-9_-]{1,64}$")))
                .responses(responses);
        ProblemResponsesInOpenApi.add(operation, 404, "No link has this code, or the alias is only reserved; browsers get a small HTML page",
                "link-not-found");
        ProblemResponsesInOpenApi.add(operation, 410, "The link expired, was deleted or reached its visit limit", "link-gone");
        ProblemResponsesInOpenApi.add(operation, 503, "The target cannot be known for sure right now (never a stale Location); retry",
                "redirect-unavailable");
        responses.get("404").getContent().addMediaType("text/html", new MediaType().schema(new StringSchema()));
        responses.get("410").getContent().addMediaType("text/html", new MediaType().schema(new StringSchema()));
        return operation;
    }
}
