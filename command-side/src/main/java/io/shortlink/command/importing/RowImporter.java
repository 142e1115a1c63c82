package io.shortlink.command.importing;

import io.shortlink.command.link.CodeTakenException;
import io.shortlink.command.link.ImportLinkCommand;
import io.shortlink.command.link.ImportOutcome;
import io.shortlink.command.link.LinkCodes;
import io.shortlink.command.link.LinkRules;
import io.shortlink.refusal.Refusal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports one row: reads its time and tags, checks it by the link's rules (so that a bad row never reaches the event
 * store), and sends the command. A row without a code gets the code an earlier import of the same content got, or a
 * generated one that is remembered in the same transaction as the link.
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

    RowImporter(CommandGateway commands, LinkRules rules, LinkCodes codes, ImportJobs jobs) {
        this.commands = commands;
        this.rules = rules;
        this.codes = codes;
        this.jobs = jobs;
    }

    /** What became of the row: imported, skipped as imported before, or refused with an error. */
    record Result(boolean imported, ImportStatus.Error error) {
        static final Result IMPORTED = new Result(true, null);
        static final Result ALREADY_IMPORTED = new Result(false, null);
    }

    /**
     * A row the rules refuse is answered as such; a refusal by the aggregate itself (it checks the same rules) is
     * thrown, since it has marked the transaction for rollback.
     */
    Result importRow(ImportRow row, String owner, UUID importId) {
        ImportLinkCommand command;
        try {
            Instant createdAt = row.createdAt() == null ? null : ImportFile.createdAt(row.createdAt());
            command = new ImportLinkCommand(row.code() == null ? GENERATED : row.code(), row.url(), owner, createdAt,
                    ImportFile.tags(row.tags()), row.title(), importId.toString());
            rules.checkImport(command, Instant.now());
        } catch (Refusal refused) {
            return refused(row, refused);
        }
        return row.code() == null ? importUnderGeneratedCode(command, row) : send(command, row);
    }

    private Result importUnderGeneratedCode(ImportLinkCommand withoutCode, ImportRow row) {
        String fingerprint = fingerprint(withoutCode);
        Optional<String> earlier = jobs.codeOfOrigin(withoutCode.owner(), fingerprint);
        if (earlier.isPresent()) {
            return send(withCode(withoutCode, earlier.get()), row);
        }
        for (int attempt = 1; ; attempt++) {
            ImportLinkCommand command = withCode(withoutCode, codes.next());
            Result result = send(command, row);
            if (result.imported()) {
                jobs.rememberOrigin(command.owner(), fingerprint, command.code());
                return result;
            }
            if (attempt == GENERATED_CODE_ATTEMPTS) {
                throw new IllegalStateException("No free generated code after " + attempt + " attempts");
            }
        }
    }

    private Result send(ImportLinkCommand command, ImportRow row) {
        ImportOutcome outcome = commands.sendAndWait(command);
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
    private static String fingerprint(ImportLinkCommand command) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String content = command.url() + '\n' + command.createdAt() + '\n' + command.title();
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
