package io.tandem.server.call;

import io.tandem.protocol.KeyValueList;
import io.tandem.switchlink.CallKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** One call as this server knows it. Core thread only. */
public final class CallRecord {

    private String connId;
    private final long callId;
    private final CallKind kind;
    private final Map<String, String> partyStates = new LinkedHashMap<>();
    private KeyValueList userData = KeyValueList.EMPTY;

    void setConnId(String newConnId) {
        this.connId = newConnId;
    }

    CallRecord(String connId, long callId, CallKind kind) {
        this.connId = connId;
        this.callId = callId;
        this.kind = kind;
    }

    /** The ConnID. */
    public String connId() {
        return connId;
    }

    /** The switch call ID. */
    public long callId() {
        return callId;
    }

    /** The kind of call. */
    public CallKind kind() {
        return kind;
    }

    /** The T-Library CallType name. */
    public String callType() {
        return switch (kind) {
            case INTERNAL -> "Internal";
            case INBOUND -> "Inbound";
            case OUTBOUND -> "Outbound";
            case CONSULT -> "Consult";
            case MONITOR -> "Internal";
        };
    }

    /** This server's DNs on the call and their states (Dialing, Ringing, Established, Held, Busy). */
    public Map<String, String> partyStates() {
        return partyStates;
    }

    /** Whether {@code dn} is on the call. */
    public boolean hasParty(String dn) {
        return partyStates.containsKey(dn);
    }

    /** The attached data. */
    public KeyValueList userData() {
        return userData;
    }

    void setUserData(KeyValueList data) {
        this.userData = data;
    }
}
