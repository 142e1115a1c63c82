package io.shortlink.query.replay;

import java.util.List;

/** A generation of a projection's view being rebuilt, not yet read by anyone. */
public interface ProjectionGeneration {

    /** An instance of the projection's own class, writing into this generation. */
    Object eventHandler();

    /**
     * Called once the history is in, before the catch-up with the paused live processor: builds what only reading
     * needs, which is cheaper in one pass than kept up during the rebuild.
     */
    default void completeForReading() {
    }

    /** Where this generation and the live one differ, at most {@code limit} of them; empty when they are equal. */
    List<String> differencesFromLive(int limit);

    /** Makes this generation the live one in one atomic step and tells the readers. */
    void makeLive();

    /** Removes the generation this one replaced, once no reader can still be using it. */
    void dropReplaced();

    /** Removes this generation after a failed replay; the live one is left as it is. */
    void discard();
}
