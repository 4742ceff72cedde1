package io.tandem.protocol.codec;

import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;

/** The outcome of decoding one frame: a message, or a precise description of what is wrong with it. */
public sealed interface DecodeResult {

    /**
     * A well-formed message.
     *
     * @param message the decoded message
     */
    record Decoded(Message message) implements DecodeResult {
    }

    /**
     * A frame that is not a valid message.
     *
     * @param code the T-Library error code to answer with
     * @param problem what is wrong, for the ErrorMessage attribute
     * @param referenceId the frame's ReferenceID when it could be read, else null
     * @param messageName the frame's message name when it could be read, else null
     */
    record Malformed(ErrorCode code, String problem, Long referenceId, String messageName) implements DecodeResult {
    }
}
