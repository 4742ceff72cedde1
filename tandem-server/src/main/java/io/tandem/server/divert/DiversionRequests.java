package io.tandem.server.divert;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.ErrorMapping;
import io.tandem.server.core.EventSender;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.request.Precondition;
import io.tandem.server.request.RequestDispatcher;
import io.tandem.server.request.RequestHandlers;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * RequestSetDNDOn/Off and RequestCallForwardSet/Cancel: checked here, carried out by the switch, answered by the event
 * the switch's report produces ({@link Diversions}). Primary only, with the switch link up. Core thread only.
 */
public final class DiversionRequests {

    /** The one ForwardMode CUCM supports through CTI (Call Forward All). */
    static final String UNCONDITIONAL = "Unconditional";
    /** T-Library's other forward modes (TForwardMode): known, but not something CUCM lets an application set. */
    private static final Set<String> OTHER_MODES = Set.of("None", "OnBusy", "OnNoAnswer", "OnBusyAndNoAnswer", "SendAllCalls");
    private static final Set<Precondition> PRECONDITIONS = EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY,
            Precondition.THIS_DN_REGISTERED, Precondition.SWITCH_LINK_UP);

    private final Diversions diversions;
    private final DnDirectory directory;
    private final EventSender sender;
    private final Supplier<Optional<SwitchLink>> link;
    private final Executor coreThread;

    /** Requests on {@code diversions} of the DNs in {@code directory}, sent to the switch of {@code link}. */
    public DiversionRequests(Diversions diversions, DnDirectory directory, EventSender sender, Supplier<Optional<SwitchLink>> link,
            Executor coreThread) {
        this.diversions = diversions;
        this.directory = directory;
        this.sender = sender;
        this.link = link;
        this.coreThread = coreThread;
    }

    /** Registers the four requests. */
    public void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_SET_DND_ON, PRECONDITIONS, (client, r) -> setDnd(client, r, true))
                .register(MessageType.REQUEST_SET_DND_OFF, PRECONDITIONS, (client, r) -> setDnd(client, r, false))
                .register(MessageType.REQUEST_CALL_FORWARD_SET, PRECONDITIONS, this::setForward)
                .register(MessageType.REQUEST_CALL_FORWARD_CANCEL, PRECONDITIONS, (client, r) -> forward(client, r, null));
    }

    private void setDnd(ClientSession client, Message r, boolean on) {
        String dn = r.thisDn();
        String device = directory.find(dn).map(DirectoryNumber::device)
                .orElseThrow(() -> new CtiRequestException(ErrorCode.OUT_OF_SERVICE, "DN " + dn + " is on no device of the switch"));
        if (diversions.doNotDisturb(dn).orElse(false) == on) {
            throw new CtiRequestException(ErrorCode.IN_SAME_STATE, "Do Not Disturb is already " + (on ? "on" : "off") + " for " + dn
                    + " (device " + device + ")");
        }
        Long referenceId = r.referenceId().orElse(null);
        CompletableFuture<Void> done = switchLink().setDoNotDisturb(device, on);
        diversions.awaitDnd(device, client, referenceId, dn);
        done.whenCompleteAsync((ok, error) -> {
            diversions.dndAnswered(device, error == null);
            refused(client, referenceId, dn, error);
        }, coreThread);
    }

    private void setForward(ClientSession client, Message r) {
        String mode = r.string(Attribute.FORWARD_MODE).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                "RequestCallForwardSet requires ForwardMode (Unconditional)"));
        if (OTHER_MODES.contains(mode)) {
            throw new CtiRequestException(ErrorCode.UNSUPPORTED_OPERATION, "ForwardMode " + mode
                    + " is not supported: through CTI the switch offers Call Forward All only (ForwardMode Unconditional)");
        }
        if (!UNCONDITIONAL.equals(mode)) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "unknown ForwardMode '" + mode + "' (Unconditional is supported)");
        }
        String destination = r.string(Attribute.OTHER_DN).filter(s -> !s.isBlank()).orElseThrow(() -> new CtiRequestException(
                ErrorCode.INVALID_ATTRIBUTE, "RequestCallForwardSet requires OtherDN, the number to forward to"));
        forward(client, r, destination);
    }

    private void forward(ClientSession client, Message r, String destination) {
        String dn = r.thisDn();
        if (directory.find(dn).map(DirectoryNumber::device).isEmpty()) {
            throw new CtiRequestException(ErrorCode.OUT_OF_SERVICE, "DN " + dn + " is on no device of the switch");
        }
        Long referenceId = r.referenceId().orElse(null);
        CompletableFuture<Void> done = switchLink().setForwardAll(dn, destination);
        diversions.awaitForward(client, referenceId, dn);
        done.whenCompleteAsync((ok, error) -> {
            diversions.forwardAnswered(dn, error == null);
            refused(client, referenceId, dn, error);
        }, coreThread);
    }

    private SwitchLink switchLink() {
        return link.get().orElseThrow(() -> new CtiRequestException(ErrorCode.NO_SWITCH, "no connection to the switch"));
    }

    private void refused(ClientSession client, Long referenceId, String dn, Throwable error) {
        if (error != null) {
            SwitchException failure = SwitchException.unwrap(error);
            sender.send(client, RequestDispatcher.errorEvent(ErrorMapping.forSwitch(failure.error()), failure.getMessage(), referenceId, dn));
        }
    }
}
