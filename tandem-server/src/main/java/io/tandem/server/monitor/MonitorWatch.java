package io.tandem.server.monitor;

import io.tandem.switchlink.MonitorMode;

/**
 * A supervisor's monitoring request as it is replicated: who monitors whom, how, and which call now.
 *
 * @param supervisorDn the supervisor's DN
 * @param agentDn the agent's DN
 * @param everyCall scope {@code agent} (true) or {@code call}
 * @param mode the mode now
 * @param monitoredCallId the agent's call being monitored, or 0 while waiting for one
 */
public record MonitorWatch(String supervisorDn, String agentDn, boolean everyCall, MonitorMode mode, long monitoredCallId) {
}
