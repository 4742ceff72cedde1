package io.tandem.server.core;

import io.tandem.protocol.ErrorCode;

/**
 * A refusal after which the client is disconnected: it failed authentication, or it comes from an address that
 * failed too often. The EventError is sent first, then the connection closes.
 */
public final class ClientRefusedException extends CtiRequestException {

    /** A refusal with {@code code} and a message that names the problem. */
    public ClientRefusedException(ErrorCode code, String message) {
        super(code, message);
    }
}
