package io.shortlink.query.catalog;

import io.shortlink.caller.Caller;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What {@code GET /api/v1/links} accepts and what it asks the catalog for. */
class LinkCatalogControllerTest {

    private static final Caller ALICE = new Caller("alice", false);

    private final LinkReads reads = mock(LinkReads.class);
    private final LinkCatalogController controller = new LinkCatalogController(reads, mock(LinkExport.class));

    @Test
    void aSearchIsTrimmedAndCombinedWithTheTagAndThePage() {
        when(reads.ofOwner(any(), any(), anyInt(), anyInt())).thenReturn(new LinkPage(List.of(), 2, 10, 0));

        controller.mine(2, 10, "Sale", "  spring 100%  ", ALICE);

        verify(reads).ofOwner("alice", new LinkFilter("sale", "spring 100%"), 2, 10);
    }

    @Test
    void aBlankSearchSearchesNothing() {
        controller.mine(0, 20, null, "   ", ALICE);

        verify(reads).ofOwner(eq("alice"), eq(LinkFilter.NONE), eq(0), eq(20));
    }

    @Test
    void anOverlongSearchIsRefused() {
        controller.mine(0, 20, null, "x".repeat(LinkCatalogController.MAX_SEARCH_LENGTH), ALICE);

        assertThat(violationsOf("x".repeat(LinkCatalogController.MAX_SEARCH_LENGTH + 1)))
                .extracting(FieldViolation::field).containsExactly("q");
    }

    @Test
    void aSearchWithControlCharactersIsRefused() {
        assertThat(violationsOf("two\nlines")).extracting(FieldViolation::field).containsExactly("q");
        assertThat(violationsOf("nul\u0000")).extracting(FieldViolation::field).containsExactly("q");
    }

    private List<FieldViolation> violationsOf(String q) {
        return catchThrowableOfType(ValidationException.class, () -> controller.mine(0, 20, null, q, ALICE)).violations();
    }
}
