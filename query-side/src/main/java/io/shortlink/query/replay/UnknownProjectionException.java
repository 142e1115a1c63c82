package io.shortlink.query.replay;

import io.shortlink.refusal.Refusal;

import java.util.Set;

class UnknownProjectionException extends Refusal {

    UnknownProjectionException(String name, Set<String> known) {
        super(Reason.INVALID, "unknown-projection", "There is no projection '" + name + "' to replay; known are " + String.join(", ", known));
    }
}
