package io.tandem.protocol;

/**
 * T-Library error codes (the numbering of Genesys {@code tliberr.h}) that this server returns in the
 * {@code ErrorCode} attribute of EventError and EventHardwareError. docs/protocol.md lists when each
 * is used.
 */
public enum ErrorCode {
    NOT_REGISTERED(41, "Client has not registered the DN"),
    RESOURCE_SEIZED(42, "Resource is already seized"),
    IN_SAME_STATE(43, "Object is already in the requested state"),
    UNKNOWN_ERROR(50, "Unrecognized error"),
    UNSUPPORTED_OPERATION(51, "Unsupported operation"),
    INTERNAL(52, "Internal error"),
    INVALID_ATTRIBUTE(53, "Invalid attribute value"),
    NO_SWITCH(54, "No connection to the switch"),
    INVALID_CONN_ID(56, "Invalid ConnectionID"),
    TIMEOUT(57, "Timeout expired"),
    OUT_OF_SERVICE(58, "Out of service"),
    NOT_CONFIGURED(59, "DN is not configured in CME"),
    INVALID_CALLED_DN(71, "Invalid Called DN"),
    BAD_PARAMETER(223, "Bad parameter passed to function"),
    DN_BUSY(231, "DN busy"),
    INVALID_STATE(506, "Request received in an invalid state"),
    INCOMPATIBLE_WITH_OBJECT(1141, "Request incompatible with object"),
    AGENT_WRONG_ID(1703, "Emulated agent: wrong ID"),
    AGENT_ID_IN_USE(1704, "Emulated agent: ID in use"),
    AGENT_PASSWORD_MISMATCH(1705, "Emulated agent: password does not match"),
    AGENT_ALREADY_LOGGED_IN(1706, "Emulated agent: already logged in"),
    AGENT_NOT_LOGGED_IN(1707, "Emulated agent: not logged in"),
    INVALID_CALLED_DEVICE(1145, "Invalid called device");

    private final int code;
    private final String text;

    ErrorCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The numeric T-Library code. */
    public int code() {
        return code;
    }

    /** The standard T-Library text for the code. */
    public String text() {
        return text;
    }
}
