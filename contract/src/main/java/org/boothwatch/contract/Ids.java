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

    /** The site id of a training site (CONTRACT addition, docs/protocol.md): {@code training} itself. */
    public static final String TRAINING = "training";

    /**
     * The one rule for a training site, shared by the simulator, the gateway and the display: its id is
     * {@code training} or starts with {@code training-}. Its alarms are drills and are marked so everywhere.
     */
    public static boolean isTrainingSite(String site) {
        return site != null && (site.equals(TRAINING) || site.startsWith(TRAINING + "-"));
    }
}
