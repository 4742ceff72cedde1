package io.tandem.server.request;

import io.tandem.protocol.Message;
import io.tandem.server.core.ClientSession;

/**
 * Carries out one kind of request for a client whose preconditions were checked: answers with its event, or throws a
 * {@link io.tandem.server.core.CtiRequestException} (the dispatcher answers EventError) having changed nothing. Core
 * thread only.
 */
@FunctionalInterface
public interface RequestHandler {

    /** Handles {@code request} from {@code client}. */
    void handle(ClientSession client, Message request);
}
