package io.shortlink.edge.openapi;

import io.shortlink.edge.problem.Problems;
import io.shortlink.edge.security.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI document's frame, alike for both sides: what the API is, its licence, how to authenticate, the Problem
 * schema and the problem responses of every operation ({@link ProblemResponsesInOpenApi}). The build lints the
 * document with Redocly's recommended rules (OpenApiDocumentIT).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocument {

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI shortlinkOpenApi() {
        SecurityScheme bearer = new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("Authorization: Bearer <api-key>");
        SecurityScheme header = new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name(ApiKeyAuthenticationFilter.API_KEY_HEADER).description("The same API key in a header of its own");
        return new OpenAPI()
                .info(new Info().title("Shortlink API").version("v1")
                        .description("URL shortener: shorten links, redirect, count the clicks. Every error is "
                                + "application/problem+json (RFC 9457) with a stable `code`. Reference: docs/api.md.")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                // Relative: the document describes the service it was fetched from, whatever its host.
                .servers(List.of(new Server().url("/").description("This service")))
                .components(new Components().addSecuritySchemes("bearer", bearer).addSecuritySchemes("apiKey", header))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement());
    }

    /** The Problem schema, and a problem as the answer of every operation to whatever it does not list. */
    @Bean
    OpenApiCustomizer problemSchemaInOpenApi() {
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")).addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                .addProperty("code", new StringSchema().description("stable, machine-readable"))
                .addProperty("errors", new ArraySchema().description("the invalid fields, for validation-failed")
                        .items(new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema())));
        problem.setRequired(List.of("type", "title", "status", "code"));
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problem);
            ApiResponse failure = new ApiResponse().description("Any other failure, e.g. 500 internal-error")
                    .content(new Content().addMediaType(Problems.MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(ProblemResponsesInOpenApi.PROBLEM_SCHEMA))));
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> operation.getResponses()
                        .addApiResponse("default", failure)));
            }
        };
    }

    @Bean
    ProblemResponsesInOpenApi problemResponsesInOpenApi() {
        return new ProblemResponsesInOpenApi();
    }
}
