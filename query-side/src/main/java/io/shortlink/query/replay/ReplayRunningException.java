package io.shortlink.query.replay;

class ReplayRunningException extends RuntimeException {

    ReplayRunningException(String projection) {
        super("A replay of " + projection + " is running already");
    }
}
