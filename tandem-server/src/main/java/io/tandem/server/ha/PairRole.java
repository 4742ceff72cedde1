package io.tandem.server.ha;

import java.util.EnumSet;
import java.util.Set;

/**
 * This server's place in a primary/backup pair, as one state machine owned by the core thread ({@link RoleKeeper}).
 *
 * <pre>
 *   STANDALONE   (not in a pair: always acts on the switch; no transitions)
 *
 *               the switch confirms the claim
 *   CLAIMING ───────────────────────────────▶ PRIMARY
 *      │                                       │   ▲
 *      │ the switch refuses the claim          │   │ the primary was lost and the switch
 *      ▼                                       │   │ grants this server's claim
 *   BACKUP ◀───────────────────────────────────┘   │
 *      │   a re-claim refused at link-up, or an    │
 *      │   operator switchover                     │
 *      └───────────────────────────────────────────┘
 * </pre>
 *
 * A server configured as primary starts CLAIMING: it calls itself backup to clients until the switch confirms it, so
 * that a restarted old primary about to step down never presents itself as primary. A server configured as backup
 * starts BACKUP. Every other change is refused ({@link #checkTransition}).
 */
public enum PairRole {
    /** Not in a pair. */
    STANDALONE(HaRole.PRIMARY, HaRole.PRIMARY),
    /** Configured primary, the switch has not confirmed the claim yet: activations wait. */
    CLAIMING(HaRole.PRIMARY, HaRole.BACKUP),
    /** The switch confirmed this server as the pair's primary. */
    PRIMARY(HaRole.PRIMARY, HaRole.PRIMARY),
    /** Follows the primary; does not act on the switch. */
    BACKUP(HaRole.BACKUP, HaRole.BACKUP);

    private final HaRole role;
    private final HaRole reported;

    PairRole(HaRole role, HaRole reported) {
        this.role = role;
        this.reported = reported;
    }

    /** The role as configuration and health reports name it. */
    public HaRole role() {
        return role;
    }

    /** The role clients are told (ServerRole in EventServerConnected, EventPrimaryChanged). */
    public HaRole reported() {
        return reported;
    }

    /** Whether a server in this state may act on the switch. */
    public boolean actsOnSwitch() {
        return this == STANDALONE || this == PRIMARY;
    }

    /** The states this one may change to. */
    public Set<PairRole> next() {
        return switch (this) {
            case STANDALONE -> EnumSet.noneOf(PairRole.class);
            case CLAIMING -> EnumSet.of(PRIMARY, BACKUP);
            case PRIMARY -> EnumSet.of(BACKUP);
            case BACKUP -> EnumSet.of(PRIMARY);
        };
    }

    /** {@code next}, or an exception naming the refused transition. */
    public PairRole checkTransition(PairRole next) {
        if (!next().contains(next)) {
            throw new IllegalStateException("a pair member cannot go from " + this + " to " + next);
        }
        return next;
    }

    /** The state a server starts in with {@code settings}. */
    public static PairRole initial(HaSettings settings) {
        if (!settings.paired()) {
            return STANDALONE;
        }
        return settings.role() == HaRole.PRIMARY ? CLAIMING : BACKUP;
    }
}
