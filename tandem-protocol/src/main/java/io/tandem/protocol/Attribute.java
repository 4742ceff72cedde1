package io.tandem.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Message attributes this server knows, with the T-Library names used on the wire and the value kind
 * each must have. Attributes a message carries that are not listed here are ignored by the server.
 */
public enum Attribute {
    THIS_DN("ThisDN", ValueKind.STRING),
    OTHER_DN("OtherDN", ValueKind.STRING),
    THIRD_PARTY_DN("ThirdPartyDN", ValueKind.STRING),
    CONN_ID("ConnID", ValueKind.STRING),
    PREVIOUS_CONN_ID("PreviousConnID", ValueKind.STRING),
    TRANSFER_CONN_ID("TransferConnID", ValueKind.STRING),
    CALL_ID("CallID", ValueKind.INTEGER),
    CALL_TYPE("CallType", ValueKind.STRING),
    CALL_STATE("CallState", ValueKind.INTEGER),
    DTMF_DIGITS("DTMFDigits", ValueKind.STRING),
    REFERENCE_ID("ReferenceID", ValueKind.INTEGER),
    EXTENSIONS("Extensions", ValueKind.KV_LIST),
    USER_DATA("UserData", ValueKind.KV_LIST),
    REASONS("Reasons", ValueKind.KV_LIST),
    ERROR_CODE("ErrorCode", ValueKind.INTEGER),
    ERROR_MESSAGE("ErrorMessage", ValueKind.STRING),
    EVENT_SEQUENCE_NUMBER("EventSequenceNumber", ValueKind.INTEGER),
    TIME("time", ValueKind.STRING),
    APPLICATION_NAME("ApplicationName", ValueKind.STRING),
    CLIENT_IDENTITY("ClientIdentity", ValueKind.STRING),
    PASSWORD("Password", ValueKind.STRING),
    SERVER("Server", ValueKind.STRING),
    SERVER_ROLE("ServerRole", ValueKind.STRING),
    SERVER_VERSION("ServerVersion", ValueKind.STRING),
    REGISTER_MODE("RegisterMode", ValueKind.STRING),
    CONTROL_MODE("ControlMode", ValueKind.STRING),
    ADDRESS_TYPE("AddressType", ValueKind.STRING),
    AGENT_ID("AgentID", ValueKind.STRING),
    THIS_QUEUE("ThisQueue", ValueKind.STRING),
    AGENT_WORK_MODE("AgentWorkMode", ValueKind.STRING),
    KEY("Key", ValueKind.STRING),
    FORWARD_MODE("ForwardMode", ValueKind.STRING),
    ANI("ANI", ValueKind.STRING),
    DNIS("DNIS", ValueKind.STRING),
    ROUTE_TYPE("RouteType", ValueKind.STRING),
    PRIVATE_MSG_ID("PrivateMsgID", ValueKind.STRING);

    private static final Map<String, Attribute> BY_NAME = new HashMap<>();

    static {
        for (Attribute a : values()) {
            BY_NAME.put(a.wireName, a);
        }
    }

    private final String wireName;
    private final ValueKind kind;

    Attribute(String wireName, ValueKind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    /** The attribute name on the wire, for example {@code ThisDN}. */
    public String wireName() {
        return wireName;
    }

    /** The value kind the attribute must have. */
    public ValueKind kind() {
        return kind;
    }

    /** The attribute with this wire name, if it is known. */
    public static Optional<Attribute> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
