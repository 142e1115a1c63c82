package io.shortlink.query.replay;

import io.shortlink.refusal.Refusal;

class ReplayRunningException extends Refusal {

    ReplayRunningException(String projection) {
        super(Reason.CONFLICT, "replay-running", "A replay of " + projection + " is running already");
    }
}
