package io.shortlink.events;

import java.util.regex.Pattern;

/** The shape of a link's tag, which both sides check: the command side on input, the read side in the tag filter. */
public final class Tags {

    private static final Pattern TAG = Pattern.compile("[a-z0-9-]{1,32}");

    private Tags() {
    }

    /** Whether {@code tag}, as given (already lower-cased where the caller lower-cases), has the shape of a tag. */
    public static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }
}
