package io.tandem.server.dn;

import io.tandem.server.core.ClientSession;
import io.tandem.server.dn.ServiceView;
import io.tandem.switchlink.RemoteDestination;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Extend-and-connect state of one remote terminal (a DN on a CUCM CTI remote device). Core thread only.
 *
 * <p>What the switch reports (the destinations and which is active) is kept apart from what only this
 * server knows: the controlling client and the REMOTE_NAME it asked for.
 */
public final class RemoteTerminal {

    private final String dn;
    private final String device;
    private List<RemoteDestination> destinations = List.of();
    private RemoteDestination active;
    private boolean activeSetByThisLink;
    private ClientSession controller;
    private String controllerDestination;
    private String controllerName;
    private final Set<String> addedByServer = new HashSet<>();
    private final Deque<TerminalOperation> queue = new ArrayDeque<>();
    private TerminalOperation inFlight;

    /** The terminal for {@code dn} on CTI remote device {@code device}. */
    public RemoteTerminal(String dn, String device) {
        this.dn = dn;
        this.device = device;
    }

    /** The DN. */
    public String dn() {
        return dn;
    }

    /** The CTI remote device. */
    public String device() {
        return device;
    }

    /** The remote destinations the switch reported. */
    public List<RemoteDestination> destinations() {
        return destinations;
    }

    /** The client in control, or null. */
    public ClientSession controller() {
        return controller;
    }

    /** Whether an operation is in flight. */
    public boolean busy() {
        return inFlight != null;
    }

    /**
     * Records what the switch reports. If the active destination is no longer the one this server set
     * for its controller (another application took over, or it was cleared), the controller loses control.
     */
    public void switchReported(List<RemoteDestination> list, boolean lastSetByThisLink) {
        destinations = List.copyOf(list);
        active = list.stream().filter(RemoteDestination::active).findFirst().orElse(null);
        activeSetByThisLink = lastSetByThisLink && active != null;
        if (controller != null && inFlight == null && !controlledDestinationActive()) {
            controller = null;
        }
    }

    private boolean controlledDestinationActive() {
        return active != null && activeSetByThisLink && active.number().equals(controllerDestination);
    }

    /** In service view when extended: REMOTE_DEST and the REMOTE_NAME the controller asked for (or the switch's). */
    public Optional<ServiceView> extendedView() {
        if (active == null) {
            return Optional.empty();
        }
        String name = controller != null && active.number().equals(controllerDestination) ? controllerName : active.name();
        return Optional.of(ServiceView.inService(active.number(), name));
    }

    /** Whether {@code number} is one of the device's remote destinations. */
    public boolean hasDestination(String number) {
        return destinations.stream().anyMatch(d -> d.number().equals(number));
    }

    /** {@code client} controls the terminal, extended to {@code destination} named {@code name} (extend and connect). */
    public void setController(ClientSession client, String destination, String name) {
        controller = client;
        controllerDestination = destination;
        controllerName = name;
    }

    /** Nobody controls the terminal any more (extend and connect). */
    public void clearController() {
        controller = null;
        controllerDestination = null;
        controllerName = null;
    }

    /** The destination the controller activated, or null. */
    public String controllerDestination() {
        return controllerDestination;
    }

    /** The REMOTE_NAME the controller asked for, or null. */
    public String controllerName() {
        return controllerName;
    }

    /** Whether this server added {@code number} to the device (and so removes it when it stops being active). */
    public boolean isAddedByServer(String number) {
        return addedByServer.contains(number);
    }

    /** The destinations this server added to the device, which it removes again (extend and connect changes it). */
    public Set<String> addedByServer() {
        return addedByServer;
    }

    /** Whether an activation or deactivation is in progress or waiting. */
    public boolean hasWork() {
        return inFlight != null || !queue.isEmpty();
    }

    /** Queues {@code op} behind the terminal's other operations (one runs at a time, in order). */
    public void enqueue(TerminalOperation op) {
        queue.addLast(op);
    }

    /** The next operation to run, now in progress; null while one runs or none waits. */
    public TerminalOperation startNext() {
        if (inFlight != null || queue.isEmpty()) {
            return null;
        }
        inFlight = queue.pollFirst();
        return inFlight;
    }

    /** The operation in progress finished. */
    public void finish() {
        inFlight = null;
    }
}
