package io.shortlink.query.catalog;

import java.util.List;

/** One page of a caller's links, newest first; {@code total} counts them all. */
public record LinkPage(List<LinkDetails> items, int page, int size, long total) {
}
