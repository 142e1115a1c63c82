package io.shortlink.query.stats;

/** A link the stats know, with its owner ({@code null} for a link created anonymously). */
public record KnownLink(String owner) {
}
