package io.tandem.server.agent;

import java.util.EnumSet;
import java.util.Set;

/**
 * An agent's state on its DN, as snapshots name it ({@code AGENT_STATE}).
 *
 * <pre>
 *   LOGGED_OUT ──login──▶ NOT_READY ◀──not ready / after-call work── READY
 *                           │  ▲  ╰─ not ready again (new reasons) ─╯│  ▲
 *                           │  ╰────────────── ready ────────────────┘  │ ready again (another work mode)
 *                           ╰──── logout ───▶ LOGGED_OUT ◀── logout ────╯
 * </pre>
 *
 * Not Ready → Not Ready and Ready → Ready are self-transitions (a new EventAgentNotReady with the new reasons, a new
 * EventAgentReady with the new work mode), not errors. Logged out is not kept: an agent that logs out is forgotten.
 */
public enum AgentState {
    LOGGED_OUT("LoggedOut"),
    READY("Ready"),
    NOT_READY("NotReady");

    private final String wireName;

    AgentState(String wireName) {
        this.wireName = wireName;
    }

    /** The name in snapshots. */
    public String wireName() {
        return wireName;
    }

    /** The states this one may change to. */
    public Set<AgentState> next() {
        return switch (this) {
            case LOGGED_OUT -> EnumSet.of(NOT_READY);
            case READY, NOT_READY -> EnumSet.of(READY, NOT_READY, LOGGED_OUT);
        };
    }
}
