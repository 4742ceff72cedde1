package io.tandem.client;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;

/** The server answered a request with EventError; the event's ErrorCode and ErrorMessage are kept. */
public final class RequestFailedException extends RuntimeException {

    private final Message event;

    /** Wraps the answering error event. */
    public RequestFailedException(Message event) {
        super(event.name() + " " + event.errorCode() + ": " + event.string(Attribute.ERROR_MESSAGE).orElse(""));
        this.event = event;
    }

    /** The T-Library ErrorCode. */
    public int errorCode() {
        return event.errorCode();
    }

    /** The ErrorMessage. */
    public String errorMessage() {
        return event.string(Attribute.ERROR_MESSAGE).orElse("");
    }

    /** The error event itself. */
    public Message event() {
        return event;
    }
}
