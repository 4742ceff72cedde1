package io.tandem.server.core;

import io.tandem.protocol.ErrorCode;
import io.tandem.switchlink.SwitchError;

/** The one place that maps switch failures to T-Library error codes (docs/protocol.md has the table). */
public final class ErrorMapping {

    private ErrorMapping() {
    }

    /** The T-Library code for a switch error. */
    public static ErrorCode forSwitch(SwitchError error) {
        return switch (error) {
            case LINK_DOWN, AUTHENTICATION_FAILED -> ErrorCode.NO_SWITCH;
            case REMOTE_DESTINATION_LIMIT_EXCEEDED, DUPLICATE_REMOTE_DESTINATION -> ErrorCode.RESOURCE_SEIZED;
            case NUMBER_IS_SWITCH_DN -> ErrorCode.INVALID_CALLED_DEVICE;
            case NOT_REACHABLE -> ErrorCode.INVALID_CALLED_DN;
            case NOT_A_REMOTE_DEVICE, REMOTE_DESTINATION_UNAVAILABLE, DEVICE_NOT_CONTROLLED, NOT_PERMITTED, RECORDING_NOT_ENABLED,
                    NO_BUILT_IN_BRIDGE ->
                    ErrorCode.INCOMPATIBLE_WITH_OBJECT;
            case DEVICE_NOT_FOUND -> ErrorCode.OUT_OF_SERVICE;
            case INVALID_ARGUMENT -> ErrorCode.INVALID_ATTRIBUTE;
            case CALL_NOT_FOUND -> ErrorCode.INVALID_CONN_ID;
            case INVALID_STATE, PRIMARY_HELD -> ErrorCode.INVALID_STATE;
            case ALREADY_SET -> ErrorCode.IN_SAME_STATE;
            case UNROUTABLE -> ErrorCode.INVALID_CALLED_DN;
            case DEVICE_OUT_OF_SERVICE, NO_ACTIVE_REMOTE_DESTINATION -> ErrorCode.OUT_OF_SERVICE;
            case DESTINATION_BUSY -> ErrorCode.DN_BUSY;
            case INTERNAL -> ErrorCode.INTERNAL;
        };
    }
}
