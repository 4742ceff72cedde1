package io.tandem.server.divert;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.SnapshotParts;
import io.tandem.server.link.LinkEvents;
import io.tandem.switchlink.DeviceSnapshot;
import io.tandem.switchlink.SwitchEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Do Not Disturb and Call Forward All as the switch reports them. Each change reaches every client registered on the
 * DNs concerned (EventDNDOn/Off for every DN of the device, EventForwardSet/Cancel for the DN); the copy for the client
 * whose request made the change carries its ReferenceID. Core thread only.
 */
public final class Diversions implements SnapshotParts.Part, LinkEvents.DeviceStateObserver {

    /** The client waiting for a change it asked for, and the DN it named. */
    record Requester(ClientSession client, Long referenceId, String dn) {
    }

    private final DnDirectory directory;
    private final EventSender sender;
    private final Registrations registrations;
    private final Map<String, Boolean> dndByDevice = new HashMap<>();
    private final Map<String, String> forwardByDn = new HashMap<>();
    private final Map<String, Requester> dndRequests = new HashMap<>();
    private final Map<String, Requester> forwardRequests = new HashMap<>();

    /** Diversions of the DNs in {@code directory}, told to their {@code registrations} through {@code sender}. */
    public Diversions(DnDirectory directory, EventSender sender, Registrations registrations) {
        this.directory = directory;
        this.sender = sender;
        this.registrations = registrations;
    }

    /** Whether Do Not Disturb is on for the device of {@code dn}; empty when the DN is on no device. */
    public Optional<Boolean> doNotDisturb(String dn) {
        return directory.find(dn).map(DirectoryNumber::device).map(device -> dndByDevice.getOrDefault(device, false));
    }

    /** The Call Forward All destination of {@code dn}, if set. */
    public Optional<String> forwardAll(String dn) {
        return Optional.ofNullable(forwardByDn.get(dn));
    }

    @Override
    public KeyValueList extensions(String dn) {
        KeyValueList extensions = KeyValueList.EMPTY;
        if (doNotDisturb(dn).orElse(false)) {
            extensions = extensions.with("DND", "on");
        }
        String forward = forwardByDn.get(dn);
        return forward == null ? extensions : extensions.with("FORWARD", forward);
    }

    @Override
    public KeyValueList reasons(String dn) {
        return KeyValueList.EMPTY;
    }

    @Override
    public void linkUp(List<DeviceSnapshot> devices) {
        dndByDevice.clear();
        forwardByDn.clear();
        devices.forEach(this::learn);
    }

    private void learn(DeviceSnapshot device) {
        dndByDevice.put(device.name(), device.dnd());
        device.lines().forEach(forwardByDn::remove);
        forwardByDn.putAll(device.forwardAll());
    }

    @Override
    public void deviceEvent(SwitchEvent event) {
        if (event instanceof SwitchEvent.DoNotDisturbChanged dnd) {
            dndByDevice.put(dnd.device(), dnd.on());
            announceDnd(dnd.device(), dnd.on(), dndRequests.remove(dnd.device()));
        } else if (event instanceof SwitchEvent.ForwardAllChanged forward) {
            setForward(forward.dn(), forward.destination());
            announceForward(forward.dn(), forward.destination(), forwardRequests.remove(forward.dn()));
        } else if (event instanceof SwitchEvent.DeviceLinesChanged lines) {
            dndByDevice.put(lines.device(), lines.dnd());
            lines.lines().forEach(forwardByDn::remove);
            forwardByDn.putAll(lines.forwardAll());
        } else if (event instanceof SwitchEvent.DeviceAdded added) {
            learn(added.snapshot());
        } else if (event instanceof SwitchEvent.DeviceRemoved removed) {
            dndByDevice.remove(removed.device());
        }
    }

    private void setForward(String dn, String destination) {
        if (destination == null) {
            forwardByDn.remove(dn);
        } else {
            forwardByDn.put(dn, destination);
        }
    }

    /** {@code client} asked to turn DND {@code on} for the device of {@code dn}: its answer waits for the switch. */
    void awaitDnd(String device, ClientSession client, Long referenceId, String dn) {
        dndRequests.put(device, new Requester(client, referenceId, dn));
    }

    /** {@code client} asked to change the forward of {@code dn}: its answer waits for the switch. */
    void awaitForward(ClientSession client, Long referenceId, String dn) {
        forwardRequests.put(dn, new Requester(client, referenceId, dn));
    }

    /**
     * The switch answered a DND request: when it reported no change (nothing to report), the requester alone is answered
     * with the state as it is; when it refused, the requester is forgotten (the caller answers EventError).
     */
    void dndAnswered(String device, boolean succeeded) {
        Requester requester = dndRequests.remove(device);
        if (requester != null && succeeded) {
            sender.send(requester.client(), dndEvent(requester.dn(), dndByDevice.getOrDefault(device, false), requester.referenceId()));
        }
    }

    /** As {@link #dndAnswered}, for a forward request. */
    void forwardAnswered(String dn, boolean succeeded) {
        Requester requester = forwardRequests.remove(dn);
        if (requester != null && succeeded) {
            sender.send(requester.client(), forwardEvent(dn, forwardByDn.get(dn), requester.referenceId()));
        }
    }

    private void announceDnd(String device, boolean on, Requester requester) {
        for (DirectoryNumber dn : directory.onDevice(device)) {
            boolean asked = requester != null && requester.dn().equals(dn.number());
            sender.distribute(registrations.receivers(dn.number()), dndEvent(dn.number(), on, null),
                    asked ? requester.client() : null, asked ? requester.referenceId() : null);
        }
    }

    private void announceForward(String dn, String destination, Requester requester) {
        sender.distribute(registrations.receivers(dn), forwardEvent(dn, destination, null),
                requester == null ? null : requester.client(), requester == null ? null : requester.referenceId());
    }

    private static Message dndEvent(String dn, boolean on, Long referenceId) {
        return Message.builder(on ? MessageType.EVENT_DND_ON : MessageType.EVENT_DND_OFF).put(Attribute.THIS_DN, dn)
                .putIfPresent(Attribute.REFERENCE_ID, referenceId).build();
    }

    private static Message forwardEvent(String dn, String destination, Long referenceId) {
        return destination == null
                ? Message.builder(MessageType.EVENT_FORWARD_CANCEL).put(Attribute.THIS_DN, dn)
                        .putIfPresent(Attribute.REFERENCE_ID, referenceId).build()
                : Message.builder(MessageType.EVENT_FORWARD_SET).put(Attribute.THIS_DN, dn).put(Attribute.OTHER_DN, destination)
                        .put(Attribute.FORWARD_MODE, DiversionRequests.UNCONDITIONAL).putIfPresent(Attribute.REFERENCE_ID, referenceId).build();
    }
}
