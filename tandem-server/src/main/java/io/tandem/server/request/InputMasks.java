package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.EventSender;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * RequestSetInputMask {Extensions.EVENTS}: the events the client wants from now on, as a comma-separated list of event
 * names or a key-value list whose keys are the names; an empty list means every event again. EventError and the answers
 * to the client's own requests always pass. Answered with EventACK. Core thread only.
 */
final class InputMasks {

    private final EventSender sender;

    InputMasks(EventSender sender) {
        this.sender = sender;
    }

    void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_SET_INPUT_MASK, EnumSet.of(Precondition.CLIENT_REGISTERED), this::setMask);
    }

    private void setMask(ClientSession client, Message r) {
        Object events = r.extensions().entries().get("EVENTS");
        List<String> names = new ArrayList<>();
        if (events instanceof String text) {
            for (String name : text.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        } else if (events instanceof KeyValueList list) {
            names.addAll(list.entries().keySet());
        } else {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                    "RequestSetInputMask requires Extensions.EVENTS: the event names, comma-separated (empty: every event)");
        }
        Set<MessageType> mask = EnumSet.noneOf(MessageType.class);
        for (String name : names) {
            MessageType type = MessageType.fromWireName(name);
            if (type == MessageType.UNKNOWN || type.isRequest()) {
                throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "'" + name + "' in Extensions.EVENTS is not an event name");
            }
            mask.add(type);
        }
        client.setInputMask(names.isEmpty() ? null : mask);
        sender.send(client, Message.builder(MessageType.EVENT_ACK).putIfPresent(Attribute.REFERENCE_ID, r.referenceId().orElse(null)).build());
    }
}
