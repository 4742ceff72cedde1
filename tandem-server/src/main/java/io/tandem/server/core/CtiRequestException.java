package io.tandem.server.core;

import io.tandem.protocol.ErrorCode;

/** A client request cannot be carried out; answered with EventError carrying {@link #code()} and the message. */
public class CtiRequestException extends RuntimeException {

    private final ErrorCode code;

    /** A refusal with {@code code} and a message that names the problem. */
    public CtiRequestException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The T-Library error code. */
    public ErrorCode code() {
        return code;
    }
}
