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
    private final io.tandem.server.dn.SnapshotParts snapshots;

    RegistrationRequests(DnDirectory directory, Registrations registrations, EventSender sender, ServiceReporter reporter,
            ExtendAndConnect extendAndConnect, BooleanSupplier linkUp, io.tandem.server.dn.SnapshotParts snapshots) {
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
                        this::unregister)
                .register(io.tandem.protocol.MessageType.REQUEST_REGISTER_ALL, java.util.EnumSet.of(Precondition.CLIENT_REGISTERED), this::registerAll)
                .register(io.tandem.protocol.MessageType.REQUEST_UNREGISTER_ALL, java.util.EnumSet.of(Precondition.CLIENT_REGISTERED),
                        this::unregisterAllRequest);
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

    /**
     * RequestRegisterAll {AddressType?}: the client receives the events of every DN of that type (all DNs without one),
     * answered with EventRegisteredAll and Extensions.DN_COUNT; a second one replaces the first.
     */
    void registerAll(ClientSession session, Message request) {
        String typeName = request.string(Attribute.ADDRESS_TYPE).orElse(null);
        io.tandem.server.config.DnType type = typeName == null ? null : io.tandem.server.config.DnType.parse(typeName)
                .orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "unknown AddressType '" + typeName + "' (allowed: "
                        + java.util.Arrays.stream(io.tandem.server.config.DnType.values()).map(Enum::name).toList() + ")"));
        java.util.function.Predicate<String> dns = number -> directory.find(number).map(d -> type == null || d.type() == type).orElse(false);
        registrations.registerAll(session, dns);
        long count = directory.all().stream().filter(d -> dns.test(d.number())).count();
        sender.send(session, Message.builder(MessageType.EVENT_REGISTERED_ALL)
                .putIfPresent(Attribute.REFERENCE_ID, request.referenceId().orElse(null))
                .putIfPresent(Attribute.ADDRESS_TYPE, typeName)
                .put(Attribute.EXTENSIONS, io.tandem.protocol.KeyValueList.EMPTY.with("DN_COUNT", count))
                .build());
    }

    /** RequestUnregisterAll: ends the client's RequestRegisterAll (41 when it has none). */
    void unregisterAllRequest(ClientSession session, Message request) {
        if (!registrations.cancelRegisterAll(session)) {
            throw new CtiRequestException(ErrorCode.NOT_REGISTERED, "this client has no RequestRegisterAll in force");
        }
        sender.send(session, Message.builder(MessageType.EVENT_UNREGISTERED_ALL)
                .putIfPresent(Attribute.REFERENCE_ID, request.referenceId().orElse(null)).build());
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
