package io.shortlink.command.importing;

import io.shortlink.command.link.CodeTakenException;
import io.shortlink.command.link.ImportLinkCommand;
import io.shortlink.command.link.ImportLinkUnderNewCodeCommand;
import io.shortlink.command.link.ImportOutcome;
import io.shortlink.command.link.LinkCodes;
import io.shortlink.command.link.LinkRules;
import io.shortlink.refusal.Refusal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports rows: reads their times and tags, checks them by the link's rules (so that a bad row never reaches the event
 * store), and sends the commands. A row without a code gets the code an earlier import of the same content got, or a
 * generated one that is remembered in the same transaction as the link.
 * <p>
 * A chunk of rows is imported in one unit of work: the codes that already have a stream are found with one query,
 * the others are created without reading their streams, and all the chunk's events are appended together when it
 * commits (docs/adr/0073). A chunk that fails is redone row by row, each row reading its code's stream.
 */
@Component
class RowImporter {

    /** A generated code can only be taken already by an imported or aliased one of the same shape: a second one settles it. */
    private static final int GENERATED_CODE_ATTEMPTS = 3;
    /** Stands for the code to be generated while a code-less row is checked: it has a code's shape. */
    private static final String GENERATED = "generated";

    private final CommandGateway commands;
    private final LinkRules rules;
    private final LinkCodes codes;
    private final ImportJobs jobs;
    private final EntityManagerProvider entityManagers;

    RowImporter(CommandGateway commands, LinkRules rules, LinkCodes codes, ImportJobs jobs, EntityManagerProvider entityManagers) {
        this.commands = commands;
        this.rules = rules;
        this.codes = codes;
        this.jobs = jobs;
        this.entityManagers = entityManagers;
    }

    /** What became of the row: imported, skipped as imported before, or refused with an error. */
    record Result(boolean imported, ImportStatus.Error error) {
        static final Result IMPORTED = new Result(true, null);
        static final Result ALREADY_IMPORTED = new Result(false, null);
    }

    /**
     * The rows' results, their events appended together when the unit of work commits. Throws when any row's command
     * fails, or when the append does (a code got a stream meanwhile): the caller then redoes the rows one by one.
     */
    List<Result> importChunk(List<ImportRow> rows, String owner, UUID importId) {
        // the chunk's events go to the event store as one JDBC batch rather than a statement each
        entityManagers.getEntityManager().unwrap(Session.class).setJdbcBatchSize(rows.size());
        UnitOfWork<?> together = DefaultUnitOfWork.startAndGet(null);
        try {
            List<Result> results = importRows(rows, owner, importId, true);
            together.commit();
            return results;
        } catch (RuntimeException failed) {
            if (together.isActive()) {
                together.rollback(failed);
            }
            throw failed;
        }
    }

    /**
     * One row, its code's stream read. A row the rules refuse is answered as such; a refusal by the aggregate itself
     * (it checks the same rules) is thrown, since it has marked the transaction for rollback.
     */
    Result importRow(ImportRow row, String owner, UUID importId) {
        return importRows(List.of(row), owner, importId, false).get(0);
    }

    private List<Result> importRows(List<ImportRow> rows, String owner, UUID importId, boolean withoutStreamReads) {
        List<Checked> checked = rows.stream().map(row -> check(row, owner, importId)).toList();
        Lookups lookups = lookups(checked, owner, withoutStreamReads);
        List<Result> results = new ArrayList<>(rows.size());
        for (Checked row : checked) {
            if (row.refusal() != null) {
                results.add(refused(row.row(), row.refusal()));
            } else if (row.row().code() == null) {
                results.add(importUnderGeneratedCode(row.command(), row.row(), lookups));
            } else {
                results.add(send(row.command(), row.row(), lookups));
            }
        }
        if (!lookups.newOrigins.isEmpty()) {
            jobs.rememberOrigins(owner, lookups.newOrigins);
        }
        return results;
    }

    /** A row as a command, or the rule it breaks. */
    private record Checked(ImportRow row, ImportLinkCommand command, Refusal refusal) {
    }

    private Checked check(ImportRow row, String owner, UUID importId) {
        try {
            Instant createdAt = row.createdAt() == null ? null : ImportFile.createdAt(row.createdAt());
            ImportLinkCommand command = new ImportLinkCommand(row.code() == null ? GENERATED : row.code(), row.url(), owner,
                    createdAt, ImportFile.tags(row.tags()), row.title(), importId.toString());
            rules.checkImport(command, Instant.now());
            return new Checked(row, command, null);
        } catch (Refusal refused) {
            return new Checked(row, null, refused);
        }
    }

    /**
     * What the rows' commands know before they run: which codes have a stream (all of them, as far as a single row
     * knows), and the codes earlier imports gave code-less rows of the same content.
     */
    private static final class Lookups {
        final boolean withoutStreamReads;
        final Set<String> codesWithStreams;
        final Map<String, String> origins;
        final Map<String, String> newOrigins = new HashMap<>();
        final Set<String> sent = new HashSet<>();

        Lookups(boolean withoutStreamReads, Set<String> codesWithStreams, Map<String, String> origins) {
            this.withoutStreamReads = withoutStreamReads;
            this.codesWithStreams = codesWithStreams;
            this.origins = new HashMap<>(origins);
        }

        /** Whether the code surely has no stream yet: not in the store when the rows began, not used by a row since. */
        boolean isNew(String code) {
            return sent.add(code) && withoutStreamReads && !codesWithStreams.contains(code);
        }
    }

    private Lookups lookups(List<Checked> rows, String owner, boolean withoutStreamReads) {
        Set<String> rowCodes = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (Checked row : rows) {
            if (row.command() != null && row.row().code() != null) {
                rowCodes.add(row.row().code());
            } else if (row.command() != null) {
                fingerprints.add(fingerprint(row.command()));
            }
        }
        Map<String, String> origins = fingerprints.isEmpty() ? Map.of() : jobs.codesOfOrigin(owner, fingerprints);
        Set<String> withStreams = new HashSet<>(origins.values());
        if (withoutStreamReads && !rowCodes.isEmpty()) {
            withStreams.addAll(jobs.codesWithStreams(rowCodes));
        }
        return new Lookups(withoutStreamReads, withStreams, origins);
    }

    private Result importUnderGeneratedCode(ImportLinkCommand withoutCode, ImportRow row, Lookups lookups) {
        String fingerprint = fingerprint(withoutCode);
        String earlier = lookups.origins.get(fingerprint);
        if (earlier != null) {
            return send(withCode(withoutCode, earlier), row, lookups);
        }
        for (int attempt = 1; ; attempt++) {
            ImportLinkCommand command = withCode(withoutCode, codes.next());
            Result result = send(command, row, lookups);
            if (result.imported()) {
                lookups.origins.put(fingerprint, command.code());
                lookups.newOrigins.put(fingerprint, command.code());
                return result;
            }
            if (attempt == GENERATED_CODE_ATTEMPTS) {
                throw new IllegalStateException("No free generated code after " + attempt + " attempts");
            }
        }
    }

    private Result send(ImportLinkCommand command, ImportRow row, Lookups lookups) {
        ImportOutcome outcome = lookups.isNew(command.code())
                ? commands.sendAndWait(new ImportLinkUnderNewCodeCommand(command))
                : commands.sendAndWait(command);
        return switch (outcome) {
            case IMPORTED -> Result.IMPORTED;
            case ALREADY_IMPORTED -> Result.ALREADY_IMPORTED;
            case TAKEN -> refused(row, new CodeTakenException(command.code()));
        };
    }

    private static Result refused(ImportRow row, Refusal refusal) {
        return new Result(false, new ImportStatus.Error(row.line(), refusal.code(), refusal.getMessage()));
    }

    private static ImportLinkCommand withCode(ImportLinkCommand command, String code) {
        return new ImportLinkCommand(code, command.url(), command.owner(), command.createdAt(), command.tags(),
                command.title(), command.importId());
    }

    /** What makes two code-less rows the same link: target, time and title. */
    static String fingerprint(ImportLinkCommand command) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String content = command.url() + '\n' + command.createdAt() + '\n' + command.title();
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
