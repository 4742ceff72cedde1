package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.server.dn.ServiceView;
import io.tandem.server.extend.ExtendAndConnect;
import java.util.function.BooleanSupplier;

/** RequestRegisterAddress and RequestUnregisterAddress, including extend-and-connect activation. */
final class RegistrationRequests {

    private final DnDirectory directory;
    private final Registrations registrations;
    private final EventSender sender;
    private final ServiceReporter reporter;
    private final ExtendAndConnect extendAndConnect;
    private final BooleanSupplier linkUp;
    private final io.tandem.server.dn.DnSnapshots snapshots;

    RegistrationRequests(DnDirectory directory, Registrations registrations, EventSender sender, ServiceReporter reporter,
            ExtendAndConnect extendAndConnect, BooleanSupplier linkUp, io.tandem.server.dn.DnSnapshots snapshots) {
        this.snapshots = snapshots;
        this.directory = directory;
        this.registrations = registrations;
        this.sender = sender;
        this.reporter = reporter;
        this.extendAndConnect = extendAndConnect;
        this.linkUp = linkUp;
    }

    /** Registers RequestRegisterAddress (needs the switch link: the DN's state comes from it) and RequestUnregisterAddress. */
    void registerIn(RequestHandlers handlers) {
        handlers.register(io.tandem.protocol.MessageType.REQUEST_REGISTER_ADDRESS,
                java.util.EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.SWITCH_LINK_UP), this::register)
                .register(io.tandem.protocol.MessageType.REQUEST_UNREGISTER_ADDRESS, java.util.EnumSet.of(Precondition.CLIENT_REGISTERED),
                        this::unregister);
    }

    void register(ClientSession session, Message request) {
        String number = RequestChecks.thisDn(request);
        DirectoryNumber dn = configured(number);
        KeyValueList extensions = request.extensions();
        String remoteDest = RequestChecks.optionalExtension(extensions, ServiceView.REMOTE_DEST);
        String remoteName = RequestChecks.optionalExtension(extensions, ServiceView.REMOTE_NAME);
        if (remoteDest == null && remoteName != null) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "REMOTE_NAME given without REMOTE_DEST");
        }
        if (remoteDest != null && !dn.isRemoteTerminal()) {
            throw new CtiRequestException(ErrorCode.INCOMPATIBLE_WITH_OBJECT, "DN " + number
                    + " is not a remote terminal (no CTI remote device has it on a line); REMOTE_DEST applies only to remote terminals");
        }
        Long referenceId = request.referenceId().orElse(null);
        registrations.register(session, number);
        sender.send(session, Message.builder(MessageType.EVENT_REGISTERED)
                .putIfPresent(Attribute.REFERENCE_ID, referenceId)
                .put(Attribute.THIS_DN, number)
                .put(Attribute.EXTENSIONS, snapshots.extensions(number, reporter.current(dn).snapshotExtensions()))
                .putIfPresent(Attribute.REASONS, nonEmpty(snapshots.reasons(number)))
                .build());
        if (remoteDest != null) {
            extendAndConnect.activate(session, dn, remoteDest, remoteName == null ? remoteDest : remoteName, referenceId);
        }
    }

    void unregister(ClientSession session, Message request) {
        String number = RequestChecks.thisDn(request);
        DirectoryNumber dn = configured(number);
        if (!registrations.isRegistered(session, number)) {
            throw new CtiRequestException(ErrorCode.NOT_REGISTERED, "DN " + number + " is not registered by this client");
        }
        registrations.unregister(session, number);
        sender.send(session, Message.builder(MessageType.EVENT_UNREGISTERED)
                .putIfPresent(Attribute.REFERENCE_ID, request.referenceId().orElse(null))
                .put(Attribute.THIS_DN, number)
                .build());
        extendAndConnect.released(session, dn);
    }

    /** Undoes every registration of a client that disconnected, as if it had unregistered each DN. */
    void disconnected(ClientSession session) {
        for (String number : registrations.unregisterAll(session)) {
            directory.find(number).ifPresent(dn -> extendAndConnect.released(session, dn));
        }
    }

    static io.tandem.protocol.KeyValueList nonEmpty(io.tandem.protocol.KeyValueList list) {
        return list.isEmpty() ? null : list;
    }

    private DirectoryNumber configured(String number) {
        return directory.find(number).orElseThrow(() -> new CtiRequestException(ErrorCode.NOT_CONFIGURED,
                "DN " + number + " is not configured on this server"));
    }
}
