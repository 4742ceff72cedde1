package io.tandem.server.dn;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Tells registered clients when a DN's service state changes: EventDNBackInService (with REMOTE_DEST and
 * REMOTE_NAME for remote terminals) or EventDNOutOfService. Core thread only.
 */
public final class ServiceReporter {

    private final EventSender sender;
    private final Registrations registrations;
    private final BooleanSupplier linkUp;
    private Consumer<DirectoryNumber> watcher = dn -> { };

    /** A reporter sending through {@code sender} to the clients in {@code registrations}. */
    public ServiceReporter(EventSender sender, Registrations registrations, BooleanSupplier linkUp) {
        this.sender = sender;
        this.registrations = registrations;
        this.linkUp = linkUp;
    }

    /** Also tells {@code watcher} about every DN whose state is reconciled or announced (the HA journal). */
    public void setWatcher(Consumer<DirectoryNumber> watcher) {
        this.watcher = watcher;
    }

    /** The state {@code dn} has now. */
    public ServiceView current(DirectoryNumber dn) {
        return dn.currentView(linkUp.getAsBoolean());
    }

    /**
     * Reports {@code dn}'s state if it differs from what clients were last told. While a remote terminal
     * has an operation in flight the report waits for the operation to finish.
     */
    public void reconcile(DirectoryNumber dn) {
        if (dn.terminal() != null && dn.terminal().busy()) {
            return;
        }
        ServiceView now = current(dn);
        if (!now.equals(dn.reported())) {
            report(dn, now, null, null);
        }
        watcher.accept(dn);
    }

    /** Reports {@code dn}'s state even if unchanged; {@code requester}'s copy carries {@code referenceId}. */
    public void announce(DirectoryNumber dn, ClientSession requester, Long referenceId) {
        report(dn, current(dn), requester, referenceId);
        watcher.accept(dn);
    }

    private void report(DirectoryNumber dn, ServiceView view, ClientSession requester, Long referenceId) {
        dn.setReported(view);
        Message event = Message.builder(view.inService() ? MessageType.EVENT_DN_BACK_IN_SERVICE : MessageType.EVENT_DN_OUT_OF_SERVICE)
                .put(Attribute.THIS_DN, dn.number())
                .put(Attribute.EXTENSIONS, view.eventExtensions())
                .build();
        sender.distribute(registrations.receivers(dn.number()), event, requester, referenceId);
    }
}
