package io.shortlink.query.replay;

import io.shortlink.refusal.Refusal;

class ReplayNotFoundException extends Refusal {

    ReplayNotFoundException(String id) {
        super(Reason.NOT_FOUND, "replay-not-found", "There is no replay " + id);
    }
}
