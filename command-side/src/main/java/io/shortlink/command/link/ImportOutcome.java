package io.shortlink.command.link;

/** What importing one link did. A code that is someone else's, or the caller's for another target, is {@code TAKEN}. */
public enum ImportOutcome {
    IMPORTED,
    /** The caller already has a link under this code to the same target: an earlier import of the same row. */
    ALREADY_IMPORTED,
    TAKEN
}
