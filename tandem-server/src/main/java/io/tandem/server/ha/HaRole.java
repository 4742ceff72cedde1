package io.tandem.server.ha;

import java.util.Locale;

/** The role of a CTI server in a primary/backup pair. */
public enum HaRole {
    /** Acts on the switch and serves requests. */
    PRIMARY,
    /** Follows the switch and the primary; does not act on the switch. */
    BACKUP;

    /** The role named {@code text} ("primary" or "backup", any case). */
    public static HaRole parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be 'primary' or 'backup', not '" + text + "'");
        }
    }

    /** The lower-case name used in health reports and on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
