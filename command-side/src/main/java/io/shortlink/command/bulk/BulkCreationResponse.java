package io.shortlink.command.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Answer of {@code POST /api/v1/links/bulk}: one result per item, in the order of the request. */
public record BulkCreationResponse(int created, int failed, List<ItemResult> results) {

    static BulkCreationResponse of(List<ItemResult> results) {
        int created = (int) results.stream().filter(ItemResult::isCreated).count();
        return new BulkCreationResponse(created, results.size() - created, results);
    }

    /** One item's outcome: {@code 201} with its {@code link}, or another status with its problem as {@code error}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, int status, Object link, Object error) {

        boolean isCreated() {
            return link != null;
        }
    }
}
