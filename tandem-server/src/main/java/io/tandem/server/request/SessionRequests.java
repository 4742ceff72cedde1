package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.SessionState;
import java.util.List;
import java.util.function.BooleanSupplier;

/** RequestRegisterClient: identifies the client, checks its credentials if required, and greets it. */
final class SessionRequests {

    private final List<TServerConfig.ClientCredential> credentials;
    private final ServerIdentity identity;
    private final EventSender sender;
    private final BooleanSupplier linkUp;

    SessionRequests(List<TServerConfig.ClientCredential> credentials, ServerIdentity identity, EventSender sender,
            BooleanSupplier linkUp) {
        this.credentials = credentials;
        this.identity = identity;
        this.sender = sender;
        this.linkUp = linkUp;
    }

    void registerClient(ClientSession session, Message request) {
        if (session.state() == SessionState.REGISTERED) {
            throw new CtiRequestException(ErrorCode.IN_SAME_STATE, "client is already registered as '" + session.applicationName() + "'");
        }
        String application = request.string(Attribute.APPLICATION_NAME).filter(s -> !s.isBlank())
                .orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "ApplicationName is required"));
        checkCredentials(application, request.string(Attribute.PASSWORD).orElse(null));
        session.register(application, request.string(Attribute.CLIENT_IDENTITY).orElse(null));
        sender.send(session, Message.builder(MessageType.EVENT_SERVER_CONNECTED)
                .putIfPresent(Attribute.REFERENCE_ID, request.referenceId().orElse(null))
                .put(Attribute.APPLICATION_NAME, application)
                .put(Attribute.SERVER, identity.name())
                .put(Attribute.SERVER_ROLE, identity.currentRole())
                .put(Attribute.SERVER_VERSION, identity.version())
                .build());
        if (linkUp.getAsBoolean()) {
            sender.send(session, Message.builder(MessageType.EVENT_LINK_CONNECTED).build());
        }
    }

    private void checkCredentials(String application, String password) {
        if (credentials.isEmpty()) {
            return;
        }
        boolean ok = credentials.stream().anyMatch(c -> c.application().equals(application) && c.password().equals(password));
        if (!ok) {
            throw new CtiRequestException(ErrorCode.BAD_PARAMETER, "authentication failed for application '" + application
                    + "': unknown application or wrong Password");
        }
    }
}
