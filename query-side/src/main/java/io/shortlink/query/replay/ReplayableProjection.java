package io.shortlink.query.replay;

import java.util.List;

/**
 * A projection that can be rebuilt from the start of the event stream into a new generation of its view while the
 * live generation keeps serving. Every bean of this type is offered by the admin API under its {@link #name()}.
 */
public interface ReplayableProjection {

    /** The name the admin API knows it by, e.g. {@code redirect-view}. */
    String name();

    /** The tracking processor that keeps the live generation up to date; paused for the switch. */
    String processingGroup();

    /** The Kafka topics the projection is built from, read from their start by the replay. */
    List<String> topics();

    /** Prepares empty storage for a new generation, next to the live one. */
    ProjectionGeneration newGeneration();
}
