package io.tandem.switchlink;

import java.util.Objects;

/**
 * Starts, changes or stops a supervisor's monitoring of an agent's call (JTAPI {@code startMonitor},
 * {@code updateMonitorType}, and the monitoring call's release).
 *
 * @param action what to do
 * @param supervisorDn the supervisor's DN (its phone must be idle to start)
 * @param agentDn the monitored agent's DN
 * @param callId the agent's call (START), or 0
 * @param mode the monitoring mode (START, UPDATE)
 * @param correlation chosen by the caller, carried back by the {@link SwitchEvent.MonitorChanged} it causes
 */
public record MonitorRequest(Action action, String supervisorDn, String agentDn, long callId, MonitorMode mode, long correlation) {

    /** What a monitoring request does. */
    public enum Action {
        /** Start monitoring the agent's call. */
        START,
        /** Change the mode of a running monitoring (silent and whisper only). */
        UPDATE,
        /** Stop it: the monitoring call is released. */
        STOP
    }

    /** Checks the action and DNs are given. */
    public MonitorRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(supervisorDn, "supervisorDn");
        Objects.requireNonNull(agentDn, "agentDn");
    }
}
