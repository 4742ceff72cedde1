package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.protocol.codec.MessageEncoder;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import java.util.EnumSet;

/**
 * RequestDistributeUserEvent: the server passes the client's UserData to every client registered on ThisDN as
 * EventUserEvent, without interpreting it (a desktop telling a wallboard or a supervisor's tool something). Served by
 * either server of a pair. Core thread only.
 */
final class UserEvents {

    private final EventSender sender;
    private final Registrations registrations;
    private final int maxUserDataBytes;

    UserEvents(EventSender sender, Registrations registrations, int maxUserDataBytes) {
        this.sender = sender;
        this.registrations = registrations;
        this.maxUserDataBytes = maxUserDataBytes;
    }

    void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_DISTRIBUTE_USER_EVENT, EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.THIS_DN_REGISTERED),
                this::distribute);
    }

    private void distribute(ClientSession client, Message r) {
        KeyValueList data = r.kvList(Attribute.USER_DATA);
        if (data.isEmpty()) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "RequestDistributeUserEvent requires a non-empty UserData");
        }
        int size = MessageEncoder.sizeOf(data);
        if (size > maxUserDataBytes) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "the UserData is " + size + " bytes, more than the limit of "
                    + maxUserDataBytes + " bytes");
        }
        Message event = Message.builder(MessageType.EVENT_USER_EVENT).put(Attribute.THIS_DN, r.thisDn()).put(Attribute.USER_DATA, data).build();
        sender.distribute(registrations.receivers(r.thisDn()), event, client, r.referenceId().orElse(null));
    }
}
