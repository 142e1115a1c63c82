package io.shortlink.command.link;

import java.util.Iterator;
import java.util.List;

/** Link codes for tests: the given ones, in order, instead of the permutation's. */
public final class GivenCodes {

    private GivenCodes() {
    }

    public static LinkCodes of(String... given) {
        Iterator<String> next = List.of(given).iterator();
        return new LinkCodes(null, "test-permutation-secret", 1000) {
            @Override
            public String next() {
                return next.next();
            }
        };
    }
}
