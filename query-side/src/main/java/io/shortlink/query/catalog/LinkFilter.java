package io.shortlink.query.catalog;

/**
 * Which of an owner's links a list shows: those with {@code tag} and those whose code, target URL or title contains
 * {@code text} (ignoring case); {@code null} for either means no such condition.
 */
record LinkFilter(String tag, String text) {

    static final LinkFilter NONE = new LinkFilter(null, null);
}
