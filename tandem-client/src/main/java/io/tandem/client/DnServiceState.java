package io.tandem.client;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DN's service state as one server reported it: in or out of service, and the extensions that came with
 * it (REMOTE_DEST and REMOTE_NAME, or OOS_REASON). Two servers of a pair report the same state the same way,
 * which is what lets {@link HotStandbyClient} pass on each change once.
 */
record DnServiceState(boolean inService, KeyValueList extensions) {

    private static final String SERVICE_STATE = "SERVICE_STATE";

    /** Whether {@code event} is EventDNBackInService or EventDNOutOfService. */
    static boolean isServiceEvent(Message event) {
        return event.type() == MessageType.EVENT_DN_BACK_IN_SERVICE || event.type() == MessageType.EVENT_DN_OUT_OF_SERVICE;
    }

    /** The state an EventDNBackInService or EventDNOutOfService reports. */
    static DnServiceState of(Message serviceEvent) {
        return new DnServiceState(serviceEvent.type() == MessageType.EVENT_DN_BACK_IN_SERVICE, serviceEvent.extensions());
    }

    /** The state an EventRegistered's snapshot (SERVICE_STATE and the rest) reports, or null when it has none. */
    static DnServiceState ofSnapshot(Message registered) {
        KeyValueList snapshot = registered.extensions();
        String state = snapshot.getString(SERVICE_STATE).orElse(null);
        if (state == null) {
            return null;
        }
        Map<String, Object> rest = new LinkedHashMap<>(snapshot.entries());
        rest.remove(SERVICE_STATE);
        rest.remove("CALLS");
        rest.keySet().removeIf(key -> key.startsWith("AGENT_")); // the agent's state, not the DN's service state
        return new DnServiceState("InService".equals(state), new KeyValueList(rest));
    }

    /** The event that reports this state on {@code dn}. */
    Message toEvent(String dn) {
        return Message.builder(inService ? MessageType.EVENT_DN_BACK_IN_SERVICE : MessageType.EVENT_DN_OUT_OF_SERVICE)
                .put(Attribute.THIS_DN, dn)
                .put(Attribute.EXTENSIONS, extensions)
                .build();
    }
}
