package io.tandem.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the server emulates agents ({@code tserver.agent-logins} and {@code tserver.agents}).
 *
 * @param logins the configured agent IDs, with their passwords where set
 * @param strictId which AgentIDs may log in
 * @param loginOnCall whether an agent may log in on a DN that has a call
 * @param logoutOnUnregister whether the agents a client logged in are logged out when that client (by its
 *        ClientIdentity) unregisters their DN or disconnects
 * @param wrapUpTime after-call work after a business call: zero for none, null for untimed (until RequestAgentReady)
 * @param autoLogoutTimeout how long an agent may stay Not Ready before it is logged out; zero for never
 * @param logoutOnOutOfService whether an agent is logged out when its DN goes out of service
 */
public record AgentSettings(List<AgentLogin> logins, StrictId strictId, boolean loginOnCall, boolean logoutOnUnregister,
        Duration wrapUpTime, Duration autoLogoutTimeout, boolean logoutOnOutOfService) {

    /** No agent logins configured, any AgentID accepted, no after-call work, logout when the client goes. */
    public static final AgentSettings DEFAULT = new AgentSettings(List.of(), StrictId.OFF, false, true, Duration.ZERO, Duration.ZERO, false);

    /** Copies the list. */
    public AgentSettings {
        logins = List.copyOf(logins);
    }

    /** The configured login {@code id}. */
    public Optional<AgentLogin> login(String id) {
        return logins.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** A copy with another wrap-up time (null: untimed). */
    public AgentSettings withWrapUpTime(Duration time) {
        return new AgentSettings(logins, strictId, loginOnCall, logoutOnUnregister, time, autoLogoutTimeout, logoutOnOutOfService);
    }

    /**
     * A configured agent ID.
     *
     * @param id the AgentID
     * @param password its password, or null for none
     */
    public record AgentLogin(String id, String password) {
        @Override
        public String toString() {
            return "AgentLogin[" + id + (password == null ? "" : ", password set") + "]";
        }
    }

    /** {@code agent-strict-id}: which AgentIDs may log in. */
    public enum StrictId {
        /** Any AgentID ({@code false}). */
        OFF,
        /** Only configured AgentIDs ({@code true}). */
        ON,
        /** Only configured AgentIDs, with their password ({@code password}). */
        PASSWORD
    }
}
