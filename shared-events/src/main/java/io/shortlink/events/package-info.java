/**
 * The events the command side emits and the query side learns from. They are the only contract between the two
 * sides: immutable records, named in the past tense, serialized as JSON, each with an explicit {@code @Revision}
 * so that they can evolve through upcasters.
 */
package io.shortlink.events;
