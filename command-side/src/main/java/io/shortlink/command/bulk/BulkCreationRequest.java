package io.shortlink.command.bulk;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Body of {@code POST /api/v1/links/bulk}. The items stay JSON until each is read on its own, so that one item of the
 * wrong shape fails only itself.
 */
public record BulkCreationRequest(List<JsonNode> links) {
}
