package io.shortlink.command.importing;

import io.shortlink.refusal.Refusal;

import java.util.UUID;

/** The caller's previous import is still running: one at a time per owner. */
class ImportRunningException extends Refusal {

    ImportRunningException(UUID running) {
        super(Reason.CONFLICT, "import-running", "The import " + running + " is still running: one import at a time per owner");
    }
}
