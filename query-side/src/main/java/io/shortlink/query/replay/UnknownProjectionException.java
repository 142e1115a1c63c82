package io.shortlink.query.replay;

import java.util.Set;

class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String name, Set<String> known) {
        super("There is no projection '" + name + "' to replay; known are " + String.join(", ", known));
    }
}
