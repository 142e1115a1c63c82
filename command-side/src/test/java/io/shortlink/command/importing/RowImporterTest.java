package io.shortlink.command.importing;

import io.shortlink.command.link.GivenCodes;
import io.shortlink.command.link.ImportLinkCommand;
import io.shortlink.command.link.ImportLinkUnderNewCodeCommand;
import io.shortlink.command.link.ImportOutcome;
import io.shortlink.command.link.LinkRules;
import jakarta.persistence.EntityManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which rows read their code's stream, and which are created without reading it (docs/adr/0073). */
class RowImporterTest {

    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final CommandGateway commands = mock(CommandGateway.class);
    private final ImportJobs jobs = mock(ImportJobs.class);
    private final RowImporter importer = new RowImporter(commands, new LinkRules("http://sho.rt"), GivenCodes.of("gen0001", "gen0002"),
            jobs, entityManagers());

    @BeforeEach
    void answer() {
        when(commands.sendAndWait(any())).thenAnswer(call -> call.getArgument(0) instanceof ImportLinkUnderNewCodeCommand
                ? ImportOutcome.IMPORTED : ImportOutcome.ALREADY_IMPORTED);
        when(jobs.codesOfOrigin(anyString(), anyCollection())).thenReturn(Map.of());
    }

    @Test
    void aChunkReadsOnlyTheStreamsOfCodesThatHaveOneOrThatARowBeforeUsed() {
        when(jobs.codesWithStreams(anyCollection())).thenReturn(Set.of("old"));

        List<RowImporter.Result> results = importer.importChunk(List.of(
                row(2, "old"), row(3, "new"), row(4, "new"), row(5, null)), "alice", JOB);

        assertThat(sent()).extracting(RowImporterTest::describe)
                .containsExactly("read old", "create new", "read new", "create gen0001");
        assertThat(results).extracting(RowImporter.Result::imported).containsExactly(false, true, false, true);
        String fingerprint = fingerprintOf(row(5, null));
        verify(jobs).rememberOrigins(eq("alice"), eq(Map.of(fingerprint, "gen0001")));
    }

    @Test
    void aRowOnItsOwnReadsItsCodesStream() {
        importer.importRow(row(2, "new"), "alice", JOB);

        assertThat(sent()).extracting(RowImporterTest::describe).containsExactly("read new");
        verify(jobs, never()).codesWithStreams(anyCollection());
    }

    @Test
    void aCodelessRowImportedBeforeReadsTheCodeItGotThen() {
        when(jobs.codesWithStreams(anyCollection())).thenReturn(Set.of());
        String fingerprint = fingerprintOf(row(2, null));
        when(jobs.codesOfOrigin(anyString(), anyCollection())).thenReturn(Map.of(fingerprint, "earlier"));

        importer.importChunk(List.of(row(2, null)), "alice", JOB);

        assertThat(sent()).extracting(RowImporterTest::describe).containsExactly("read earlier");
        verify(jobs, never()).rememberOrigins(anyString(), anyMap());
    }

    @Test
    void aRowTheRulesRefuseSendsNothing() {
        when(jobs.codesWithStreams(anyCollection())).thenReturn(Set.of());

        List<RowImporter.Result> results = importer.importChunk(List.of(
                new ImportRow(2, "javascript:alert(1)", "bad", null, null, null)), "alice", JOB);

        assertThat(results.get(0).error().code()).isEqualTo("validation-failed");
        verify(commands, never()).sendAndWait(any());
    }

    private List<Object> sent() {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, atLeastOnce()).sendAndWait(sent.capture());
        return sent.getAllValues();
    }

    private static String describe(Object command) {
        return command instanceof ImportLinkUnderNewCodeCommand fresh ? "create " + fresh.code()
                : "read " + ((ImportLinkCommand) command).code();
    }

    private static ImportRow row(long line, String code) {
        return new ImportRow(line, "https://example.com/" + line, code, "2020-01-02 03:04:05", null, null);
    }

    private static String fingerprintOf(ImportRow row) {
        return RowImporter.fingerprint(new ImportLinkCommand("any", row.url(), "alice", ImportFile.createdAt(row.createdAt()),
                null, row.title(), JOB.toString()));
    }

    private static EntityManagerProvider entityManagers() {
        EntityManager entityManager = mock(EntityManager.class);
        when(entityManager.unwrap(Session.class)).thenReturn(mock(Session.class));
        return () -> entityManager;
    }
}
