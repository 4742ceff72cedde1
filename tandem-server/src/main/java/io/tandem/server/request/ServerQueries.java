package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import java.util.EnumSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * RequestQueryServer and RequestQuerySwitch: what this server is and can do, and which switch it reaches. The
 * capability list is read from the registered handlers, so it cannot disagree with what the server answers. Served by
 * either server of a pair. Core thread only.
 */
public final class ServerQueries {

    private final ServerIdentity identity;
    private final EventSender sender;
    private final RequestHandlers handlers;
    private final Supplier<String> switchDescription;
    private final Supplier<String> linkState;

    /**
     * Queries answered with {@code identity}, listing the requests in {@code handlers}; {@code switchDescription} names the
     * switch and {@code linkState} says where the link stands.
     */
    public ServerQueries(ServerIdentity identity, EventSender sender, RequestHandlers handlers, Supplier<String> switchDescription,
            Supplier<String> linkState) {
        this.identity = identity;
        this.sender = sender;
        this.handlers = handlers;
        this.switchDescription = switchDescription;
        this.linkState = linkState;
    }

    /** Registers the two queries. */
    public void registerIn(RequestHandlers target) {
        target.register(MessageType.REQUEST_QUERY_SERVER, EnumSet.of(Precondition.CLIENT_REGISTERED), this::server)
                .register(MessageType.REQUEST_QUERY_SWITCH, EnumSet.of(Precondition.CLIENT_REGISTERED), this::sw);
    }

    /** The names of every request this server answers, in message-type order, comma-separated. */
    public String capabilities() {
        return handlers.all().stream().map(route -> route.type().wireName()).collect(Collectors.joining(","));
    }

    private void server(ClientSession client, Message r) {
        sender.send(client, Message.builder(MessageType.EVENT_SERVER_INFO)
                .putIfPresent(Attribute.REFERENCE_ID, r.referenceId().orElse(null))
                .put(Attribute.SERVER, identity.name())
                .put(Attribute.SERVER_ROLE, identity.currentRole())
                .put(Attribute.SERVER_VERSION, identity.version())
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("CAPABILITIES", capabilities()))
                .build());
    }

    private void sw(ClientSession client, Message r) {
        sender.send(client, Message.builder(MessageType.EVENT_SWITCH_INFO)
                .putIfPresent(Attribute.REFERENCE_ID, r.referenceId().orElse(null))
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("SWITCH_TYPE", "Cisco Unified Communications Manager", "SWITCH",
                        switchDescription.get(), "LINK_STATE", linkState.get()))
                .build());
    }
}
