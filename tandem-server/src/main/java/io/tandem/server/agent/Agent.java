package io.tandem.server.agent;

import io.tandem.protocol.AgentWorkMode;
import io.tandem.protocol.KeyValueList;

/**
 * One logged-in agent, as the server keeps it and replicates it to the backup.
 *
 * @param agentId the AgentID
 * @param dn the DN it is logged in on
 * @param queue the ThisQueue it logged in to, or null
 * @param state Ready or Not Ready
 * @param workMode the current work mode
 * @param reasons the Reasons of the last successful request (persistent)
 * @param loggedInBy the ClientIdentity (or ApplicationName) of the client that logged it in
 * @param since when it entered its state (epoch ms)
 * @param wrapUpUntil while in timed after-call work, when it returns to Ready (epoch ms); else null
 * @param modeAfterWrapUp while in after-call work, the Ready work mode it returns to; else null
 */
public record Agent(String agentId, String dn, String queue, AgentState state, AgentWorkMode workMode, KeyValueList reasons,
        String loggedInBy, long since, Long wrapUpUntil, AgentWorkMode modeAfterWrapUp) {

    /** Checks the fields. */
    public Agent {
        if (agentId == null || agentId.isBlank() || dn == null || state == null || state == AgentState.LOGGED_OUT) {
            throw new IllegalArgumentException("an agent needs an AgentID, a DN and a logged-in state");
        }
        reasons = reasons == null ? KeyValueList.EMPTY : reasons;
        workMode = workMode == null ? AgentWorkMode.UNKNOWN : workMode;
    }

    /** Whether the agent is in after-call work (timed or untimed). */
    public boolean inWrapUp() {
        return modeAfterWrapUp != null;
    }

    /** This agent in {@code newState} with {@code mode} and {@code newReasons} since {@code at}, out of any wrap-up. */
    Agent moved(AgentState newState, AgentWorkMode mode, KeyValueList newReasons, long at) {
        return new Agent(agentId, dn, queue, newState, mode, newReasons, loggedInBy, at, null, null);
    }

    /** This agent in after-call work until {@code until} (null: untimed), returning to Ready with {@code returnMode}. */
    Agent wrappingUp(long at, Long until, AgentWorkMode returnMode) {
        return new Agent(agentId, dn, queue, AgentState.NOT_READY, AgentWorkMode.AFTER_CALL_WORK, reasons, loggedInBy, at, until, returnMode);
    }
}
