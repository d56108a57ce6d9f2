package org.boothwatch.contract;

import java.util.regex.Pattern;

/** Site and booth identifiers (CONTRACT §2). Nothing else is ever used to build a topic. */
public final class Ids {
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    public static final String ALLOWED = "1-32 characters: lowercase letters, digits and '-', not starting with '-'";

    private Ids() {}

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** @throws IllegalArgumentException naming what, the value and what is allowed */
    public static String require(String what, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(what + "='" + id + "' is not a valid id: " + ALLOWED);
        }
        return id;
    }
}
