package io.tandem.client;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent state of each DN as the events a client receives tell it: EventRegistered and EventAddressInfo (the
 * snapshot's AGENT_ID, AGENT_STATE, AGENT_WORK_MODE and Reasons), then EventAgentLogin, EventAgentReady,
 * EventAgentNotReady and EventAgentLogout. Add it as a listener; read it from any thread.
 */
public final class AgentView implements EventListener {

    /**
     * One DN's agent.
     *
     * @param agentId the AgentID
     * @param state {@code Ready} or {@code NotReady}
     * @param workMode the work mode's wire name
     * @param reasons the current Reasons
     */
    public record AgentStatus(String agentId, String state, String workMode, KeyValueList reasons) {
    }

    private final Map<String, AgentStatus> byDn = new ConcurrentHashMap<>();

    /** The agent on {@code dn}, if one is logged in. */
    public Optional<AgentStatus> onDn(String dn) {
        return Optional.ofNullable(byDn.get(dn));
    }

    @Override
    public void onEvent(Message event) {
        String dn = event.thisDn();
        if (dn == null) {
            return;
        }
        MessageType type = event.type();
        if (type == MessageType.EVENT_REGISTERED || type == MessageType.EVENT_ADDRESS_INFO) {
            KeyValueList snapshot = event.extensions();
            Optional<String> agentId = snapshot.getString("AGENT_ID");
            if (agentId.isPresent()) {
                byDn.put(dn, new AgentStatus(agentId.get(), snapshot.getString("AGENT_STATE").orElse("NotReady"),
                        snapshot.getString("AGENT_WORK_MODE").orElse("Unknown"), event.kvList(Attribute.REASONS)));
            } else {
                byDn.remove(dn);
            }
        } else if (type == MessageType.EVENT_AGENT_READY || type == MessageType.EVENT_AGENT_NOT_READY) {
            AgentStatus before = byDn.get(dn);
            KeyValueList reasons = event.has(Attribute.REASONS) ? event.kvList(Attribute.REASONS)
                    : before == null ? KeyValueList.EMPTY : before.reasons();
            byDn.put(dn, new AgentStatus(event.string(Attribute.AGENT_ID).orElse(before == null ? "" : before.agentId()),
                    type == MessageType.EVENT_AGENT_READY ? "Ready" : "NotReady", event.string(Attribute.AGENT_WORK_MODE).orElse("Unknown"), reasons));
        } else if (type == MessageType.EVENT_AGENT_LOGOUT || type == MessageType.EVENT_UNREGISTERED) {
            byDn.remove(dn);
        }
    }
}
