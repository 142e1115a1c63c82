package io.shortlink.command.importing;

import io.shortlink.refusal.Refusal;

/** No import with this id, or none the caller may see. */
class ImportNotFoundException extends Refusal {

    ImportNotFoundException(String id) {
        super(Reason.NOT_FOUND, "import-not-found", "There is no import with the id '" + id + "'");
    }
}
