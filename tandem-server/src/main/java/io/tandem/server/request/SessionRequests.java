package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.core.ClientRefusedException;
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

    private final io.tandem.common.net.FailedAttempts failedLogins;

    SessionRequests(List<TServerConfig.ClientCredential> credentials, ServerIdentity identity, EventSender sender,
            BooleanSupplier linkUp, java.time.Clock clock) {
        this.failedLogins = new io.tandem.common.net.FailedAttempts(clock);
        this.credentials = credentials;
        this.identity = identity;
        this.sender = sender;
        this.linkUp = linkUp;
    }

    /** Registers RequestRegisterClient, the one request a client may send before it is registered. */
    void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_REGISTER_CLIENT, java.util.Set.of(), this::registerClient);
    }

    void registerClient(ClientSession session, Message request) {
        if (session.state() == SessionState.REGISTERED) {
            throw new CtiRequestException(ErrorCode.IN_SAME_STATE, "client is already registered as '" + session.applicationName() + "'");
        }
        String application = request.string(Attribute.APPLICATION_NAME).filter(s -> !s.isBlank())
                .orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "ApplicationName is required"));
        KeepAlive keepAlive = KeepAlive.of(request.extensions());
        checkCredentials(session, application, request.string(Attribute.PASSWORD).orElse(null));
        session.channel().authenticated();
        session.register(application, request.string(Attribute.CLIENT_IDENTITY).orElse(null));
        if (keepAlive != null) {
            session.channel().keepAlive(keepAlive.interval(), keepAlive.timeout());
        }
        sender.send(session, Message.builder(MessageType.EVENT_SERVER_CONNECTED)
                .putIfPresent(Attribute.REFERENCE_ID, request.referenceId().orElse(null))
                .put(Attribute.APPLICATION_NAME, application)
                .put(Attribute.SERVER, identity.name())
                .put(Attribute.SERVER_ROLE, identity.currentRole())
                .put(Attribute.SERVER_VERSION, identity.version())
                .putIfPresent(Attribute.EXTENSIONS, keepAlive == null ? null : keepAlive.extensions())
                .build());
        if (linkUp.getAsBoolean()) {
            sender.send(session, Message.builder(MessageType.EVENT_LINK_CONNECTED).build());
        }
    }

    /**
     * Checks {@code application}'s Password when credentials are configured. A failure disconnects the client and
     * counts against its address, which must wait before trying again once it failed {@link io.tandem.common.net.FailedAttempts#FREE} times.
     */
    private void checkCredentials(ClientSession session, String application, String password) {
        if (credentials.isEmpty()) {
            return;
        }
        String address = session.channel().remoteHost();
        long wait = failedLogins.waitMillis(address);
        if (wait > 0) {
            throw new ClientRefusedException(ErrorCode.BAD_PARAMETER, "authentication refused: too many failed attempts from "
                    + address + "; try again in " + (wait + 999) / 1000 + " s");
        }
        byte[] given = password == null ? new byte[0] : password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean ok = false;
        for (TServerConfig.ClientCredential c : credentials) {
            boolean passwordMatches = java.security.MessageDigest.isEqual(c.password().getBytes(java.nio.charset.StandardCharsets.UTF_8), given);
            ok |= c.application().equals(application) && passwordMatches && password != null;
        }
        if (!ok) {
            failedLogins.failed(address);
            throw new ClientRefusedException(ErrorCode.BAD_PARAMETER, "authentication failed for application '" + application
                    + "': unknown application or wrong Password");
        }
        failedLogins.succeeded(address);
    }
}
