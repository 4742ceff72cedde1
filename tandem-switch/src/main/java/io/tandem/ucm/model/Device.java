package io.tandem.ucm.model;

import io.tandem.switchlink.DeviceSnapshot;
import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.DndOption;
import io.tandem.switchlink.RemoteDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One switch device and its run-time state. Owned by the switch thread. */
public final class Device {

    /** A remote destination as the switch stores it. */
    record Destination(String name, String number, boolean fromConfig) {
    }

    private final String name;
    private final DeviceType type;
    private final String model;
    private final String owner;
    private List<String> lines;
    private String loggedInUser;
    private String profile;
    private final List<Destination> destinations = new ArrayList<>();
    private boolean inService = true;
    private String activeNumber;
    private String activeSetBy;
    private String lastSetBy;
    private final DndOption dndOption;
    private final java.time.Duration selectRouteTime;

    Device(String name, DeviceType type, String model, String owner, List<String> lines, DndOption dndOption,
            Integer selectRouteSeconds) {
        this.dndOption = dndOption;
        this.selectRouteTime = selectRouteSeconds == null ? null : java.time.Duration.ofSeconds(selectRouteSeconds);
        this.name = name;
        this.type = type;
        this.model = model;
        this.owner = owner;
        this.lines = List.copyOf(lines);
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The device type. */
    public DeviceType type() {
        return type;
    }

    /** The owner user ID, or null. */
    public String owner() {
        return owner;
    }

    /** The directory numbers on its lines now. */
    public List<String> lines() {
        return lines;
    }

    /** The Extension Mobility user logged in, or null. */
    public String loggedInUser() {
        return loggedInUser;
    }

    /** The device profile in effect through Extension Mobility, or null. */
    public String profile() {
        return profile;
    }

    void setLines(List<String> newLines, String user, String newProfile) {
        this.lines = List.copyOf(newLines);
        this.loggedInUser = user;
        this.profile = newProfile;
    }

    /** Whether it is in service. */
    public boolean inService() {
        return inService;
    }

    void setInService(boolean inService) {
        this.inService = inService;
    }

    /** The active remote destination number, or null. */
    public String activeNumber() {
        return activeNumber;
    }

    /** The link that set the active remote destination, or null. */
    public String activeSetBy() {
        return activeSetBy;
    }

    /** The link that last set the active remote destination (it may have closed since), or null. */
    public String lastSetBy() {
        return lastSetBy;
    }

    List<Destination> destinations() {
        return destinations;
    }

    Optional<Destination> destination(String number) {
        return destinations.stream().filter(d -> d.number().equals(number)).findFirst();
    }

    void activate(String number, String linkId) {
        activeNumber = number;
        activeSetBy = linkId;
        lastSetBy = linkId;
    }

    void deactivate(String linkId) {
        activeNumber = null;
        activeSetBy = null;
        if (linkId != null) {
            lastSetBy = linkId;
        }
    }

    /** The remote destinations with their active flag. */
    public List<RemoteDestination> remoteDestinations() {
        return destinations.stream().map(d -> new RemoteDestination(d.name(), d.number(), d.number().equals(activeNumber))).toList();
    }

    /** For a route point: how long a call waits there for a route (the select-route timer); else null. */
    public java.time.Duration selectRouteTime() {
        return selectRouteTime;
    }

    /** What Do Not Disturb does to callers on this device. */
    public DndOption dndOption() {
        return dndOption;
    }

    /** The device as a link that has id {@code linkId} sees it, given its DND status and its lines' forwards. */
    DeviceSnapshot snapshotFor(String linkId, boolean dnd, Map<String, String> forwardAll) {
        return new DeviceSnapshot(name, type, model, owner, lines, inService, remoteDestinations(),
                linkId != null && linkId.equals(lastSetBy), loggedInUser, dnd, dndOption, forwardAll);
    }
}
