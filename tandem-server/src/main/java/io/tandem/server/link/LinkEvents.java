package io.tandem.server.link;

import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallEvents;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.SessionTable;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.server.extend.ExtendAndConnect;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchLink;
import java.util.List;

/**
 * What the core does when the switch link comes up or goes down, and with each switch event. Core thread only.
 */
public final class LinkEvents implements SwitchLinkSupervisor.Handler {

    private final DnDirectory directory;
    private final ServiceReporter reporter;
    private final ExtendAndConnect extendAndConnect;
    private final SessionTable sessions;
    private final EventSender sender;
    private final CallEvents callEvents;
    private final List<DeviceStateObserver> observers = new java.util.ArrayList<>();

    /**
     * A feature that keeps device state of its own from the switch (Do Not Disturb, forwarding): told the devices at
     * every link-up and then every device event, after the DN directory has taken it in. Core thread.
     */
    public interface DeviceStateObserver {
        /** The link came up with {@code devices}; nothing by default (observers that follow only events). */
        default void linkUp(List<io.tandem.switchlink.DeviceSnapshot> devices) {
        }

        /** A device event (never a call event). */
        void deviceEvent(SwitchEvent event);

        /** The link went down. */
        default void linkDown() {
        }
    }

    /** Handles link changes for the given core services. */
    public LinkEvents(DnDirectory directory, ServiceReporter reporter, ExtendAndConnect extendAndConnect, SessionTable sessions,
            EventSender sender, CallEvents callEvents) {
        this.callEvents = callEvents;
        this.directory = directory;
        this.reporter = reporter;
        this.extendAndConnect = extendAndConnect;
        this.sessions = sessions;
        this.sender = sender;
    }

    /** Adds a feature that follows device state. At start-up. */
    public void observe(DeviceStateObserver observer) {
        observers.add(observer);
    }

    @Override
    public void linkUp(SwitchLink link) {
        List<ExtendAndConnect.Restore> restores = extendAndConnect.controllersToRestore(List.copyOf(directory.all()));
        directory.bind(link.devices());
        observers.forEach(o -> o.linkUp(link.devices()));
        sender.distribute(sessions.registered(), Message.builder(MessageType.EVENT_LINK_CONNECTED).build(), null, null);
        extendAndConnect.restore(restores);
        directory.all().forEach(reporter::reconcile);
        extendAndConnect.reconcileAdded(List.copyOf(directory.all()));
    }

    @Override
    public void linkDown(String reason) {
        observers.forEach(DeviceStateObserver::linkDown);
        sender.distribute(sessions.registered(), Message.builder(MessageType.EVENT_LINK_DISCONNECTED).build(), null, null);
        directory.all().forEach(reporter::reconcile);
    }

    @Override
    public void event(SwitchEvent event) {
        if (event instanceof SwitchEvent.CallEvent call) {
            callEvents.handle(call);
            return;
        }
        directoryEvent(event);
        observers.forEach(o -> o.deviceEvent(event));
    }

    private void directoryEvent(SwitchEvent event) {
        if (event instanceof SwitchEvent.DeviceAdded added) {
            directory.deviceAdded(added.snapshot()).forEach(reporter::reconcile);
            return;
        }
        if (event instanceof SwitchEvent.DeviceRemoved removed) {
            directory.deviceRemoved(removed.device()).forEach(reporter::reconcile);
            return;
        }
        if (event instanceof SwitchEvent.DeviceLinesChanged lines) {
            directory.relines(lines.device(), lines.lines(), lines.inService(), lines.loggedInUser(), lines.controlledByThisLink())
                    .forEach(reporter::reconcile);
            return;
        }
        if (event instanceof SwitchEvent.DeviceServiceChanged change) {
            directory.deviceServiceChanged(change.device(), change.inService());
        } else if (event instanceof SwitchEvent.RemoteDestinationsChanged change) {
            directory.remoteDestinationsChanged(change.device(), change.destinations(), change.lastSetByThisLink());
            for (DirectoryNumber dn : directory.onDevice(change.device())) {
                if (dn.terminal() != null) {
                    dn.terminal().switchReported(change.destinations(), change.lastSetByThisLink());
                }
            }
        }
        directory.onDevice(event.device()).forEach(reporter::reconcile);
    }
}
