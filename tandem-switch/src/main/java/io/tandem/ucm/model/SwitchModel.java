package io.tandem.ucm.model;

import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.ucm.config.RemoteNumbers;
import io.tandem.ucm.config.SwitchConfig;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The switch's directory (users, application users, devices, directory numbers) and the rules for
 * device service state and remote destinations. Owned by the switch thread.
 */
public final class SwitchModel {

    private SwitchConfig config;
    private final Pattern externalDialPlan;
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Device> byDn = new HashMap<>();
    private final Map<String, Device> byRemoteNumber = new HashMap<>();
    private final Map<String, SwitchConfig.EndUser> users = new HashMap<>();
    private final Map<String, SwitchConfig.ApplicationUser> appUsers = new HashMap<>();
    private final SwitchPersistence persistence;
    private SwitchListener listener = new SwitchListener() {
        @Override
        public void serviceChanged(Device device) {
        }

        @Override
        public void remoteDestinationsChanged(Device device) {
        }

        @Override
        public void linesChanged(Device device, String previousProfile) {
        }

        @Override
        public void doNotDisturbChanged(Device device) {
        }

        @Override
        public void forwardAllChanged(Device device, String dn) {
        }
    };
    /** CUCM's service parameter "Forward Maximum Hop Count" (default 12): how many forwards a call follows. */
    static final int FORWARD_MAXIMUM_HOPS = 12;
    private static final String DEVICE_HOLDER = "device";
    private static final String PROFILE_HOLDER = "profile";
    private final Set<String> dndDevices = new java.util.HashSet<>();
    private final Set<String> dndProfiles = new java.util.HashSet<>();
    private final Map<String, String> forwardAll = new HashMap<>();
    private final Map<String, SwitchConfig.DnForwarding> dnForwarding = new HashMap<>();
    private final Map<String, String> routeCallbacks = new HashMap<>();

    /**
     * Builds the model from stored configuration and run-time state.
     *
     * @param config the configuration
     * @param addedDestinations remote destinations added at run time, by device
     * @param serviceStates stored service states, by device (absent means in service)
     * @param persistence where changes are written
     */
    public SwitchModel(SwitchConfig config, Map<String, List<SwitchConfig.RemoteDestination>> addedDestinations,
            Map<String, Boolean> serviceStates, SwitchPersistence persistence) {
        this(config, addedDestinations, serviceStates, Diversions.NONE, persistence);
    }

    /**
     * Builds the model from stored configuration and run-time state, including stored Do Not Disturb statuses and
     * Call Forward All destinations.
     */
    public SwitchModel(SwitchConfig config, Map<String, List<SwitchConfig.RemoteDestination>> addedDestinations,
            Map<String, Boolean> serviceStates, Diversions diversions, SwitchPersistence persistence) {
        dndDevices.addAll(diversions.dndDevices());
        dndProfiles.addAll(diversions.dndProfiles());
        forwardAll.putAll(diversions.forwardAll());
        this.config = config;
        config.callForwarding().dns().forEach(f -> dnForwarding.put(f.dn(), f));
        this.externalDialPlan = Pattern.compile(config.externalDialPattern());
        this.persistence = persistence;
        config.endUsers().forEach(u -> users.put(u.id(), u));
        config.applicationUsers().forEach(a -> appUsers.put(a.id(), a));
        for (SwitchConfig.Device d : config.devices()) {
            Device device = new Device(d.name(), d.type(), d.model(), d.owner(), d.lines(), d.dndOption(), d.selectRouteSeconds());
            devices.put(d.name(), device);
            d.lines().forEach(dn -> byDn.put(dn, device));
            d.remoteDestinations().forEach(rd -> addDestination(device, rd.name(), rd.number(), true));
            addedDestinations.getOrDefault(d.name(), List.of()).forEach(rd -> addDestination(device, rd.name(), rd.number(), false));
            device.setInService(serviceStates.getOrDefault(d.name(), true));
        }
    }

    private void addDestination(Device device, String name, String number, boolean fromConfig) {
        device.destinations().add(new Device.Destination(name, number, fromConfig));
        byRemoteNumber.put(RemoteNumbers.normalize(number), device);
    }

    /**
     * Takes users, application users and profiles from {@code next} (a run-time change; devices are
     * unchanged). Switch thread.
     */
    public void reconfigure(SwitchConfig next) {
        this.config = next;
        dnForwarding.clear();
        next.callForwarding().dns().forEach(f -> dnForwarding.put(f.dn(), f));
        users.clear();
        next.endUsers().forEach(u -> users.put(u.id(), u));
        appUsers.clear();
        next.applicationUsers().forEach(a -> appUsers.put(a.id(), a));
    }

    /**
     * Adds device {@code d} at run time, in service, with its remote destinations as configuration. Checks
     * its lines and destinations as the configuration file's are checked. Switch thread.
     */
    public Device addDevice(SwitchConfig.Device d) {
        for (String line : d.lines()) {
            if (byDn.containsKey(line)) {
                throw new SwitchException(SwitchError.INVALID_ARGUMENT, "DN " + line + " is already on device " + byDn.get(line).name());
            }
        }
        Device device = new Device(d.name(), d.type(), d.model(), d.owner(), d.lines(), d.dndOption(), d.selectRouteSeconds());
        for (SwitchConfig.RemoteDestination rd : d.remoteDestinations()) {
            checkNewRemoteNumber(device, rd.number());
        }
        devices.put(d.name(), device);
        d.lines().forEach(dn -> byDn.put(dn, device));
        d.remoteDestinations().forEach(rd -> addDestination(device, rd.name(), rd.number(), true));
        device.setInService(true);
        return device;
    }

    /** Removes device {@code name} at run time (the caller checked it is on no call and no login). Switch thread. */
    public void removeDevice(String name) {
        Device device = require(name);
        devices.remove(name);
        device.lines().forEach(dn -> byDn.remove(dn, device));
        device.destinations().forEach(rd -> byRemoteNumber.remove(RemoteNumbers.normalize(rd.number())));
    }

    /** Sets who hears about device changes. */
    public void setListener(SwitchListener listener) {
        this.listener = listener;
    }

    /** The configuration the model was built from. */
    public SwitchConfig config() {
        return config;
    }

    /** Every device in configuration order. */
    public Collection<Device> devices() {
        return Collections.unmodifiableCollection(devices.values());
    }

    /** The device named {@code name}. */
    public Optional<Device> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    /** The device that has {@code dn} on a line. */
    public Optional<Device> deviceByDn(String dn) {
        return Optional.ofNullable(byDn.get(dn));
    }

    /** Whether {@code number} is a directory number of the switch. */
    public boolean isDirectoryNumber(String number) {
        return byDn.containsKey(number);
    }

    /** Whether {@code number} matches the external dial plan. */
    public boolean isExternallyReachable(String number) {
        return externalDialPlan.matcher(number).matches();
    }

    /** Checks an application user's credentials and returns the user (its controlled devices and profiles). */
    public SwitchConfig.ApplicationUser authenticate(String applicationUser, String password) {
        SwitchConfig.ApplicationUser user = appUsers.get(applicationUser);
        if (user == null || !user.password().equals(password)) {
            throw new SwitchException(SwitchError.AUTHENTICATION_FAILED,
                    "application user '" + applicationUser + "' unknown or wrong password");
        }
        return user;
    }

    /**
     * Gives a phone new lines (an Extension Mobility login or logout): calls to the new DNs now reach it, calls to
     * the DNs it had no longer do, and the links that control it (before or after) are told.
     */
    public void setPhoneLines(String deviceName, List<String> lines, String user, String profile) {
        Device device = require(deviceName);
        String previousProfile = device.profile();
        device.lines().forEach(dn -> byDn.remove(dn, device));
        device.setLines(lines, user, profile);
        lines.forEach(dn -> byDn.put(dn, device));
        listener.linesChanged(device, previousProfile);
    }

    /** Puts a device in or out of service; a change is persisted and reported. */
    public void setInService(String deviceName, boolean inService) {
        Device device = require(deviceName);
        if (device.inService() == inService) {
            return;
        }
        device.setInService(inService);
        persistence.serviceStateChanged(deviceName, inService, () -> {
            if (device.inService() == inService) {
                device.setInService(!inService);
                listener.serviceChanged(device);
            }
        });
        listener.serviceChanged(device);
    }

    /** Adds a remote destination to a CTI remote device, optionally making it active, on behalf of {@code linkId}. */
    public void addRemoteDestination(String linkId, String deviceName, String name, String number, boolean active) {
        Device device = requireRemoteDevice(deviceName);
        checkNewRemoteNumber(device, number);
        int limit = remoteDestinationLimit(device);
        if (device.destinations().size() >= limit) {
            throw new SwitchException(SwitchError.REMOTE_DESTINATION_LIMIT_EXCEEDED, "device " + deviceName
                    + " already has " + device.destinations().size() + " remote destinations, the limit for owner '"
                    + device.owner() + "' is " + limit);
        }
        String effectiveName = name == null || name.isBlank() ? number : name;
        persistence.remoteDestinationAdded(deviceName, effectiveName, number, () -> {
            if (device.destinations().stream().anyMatch(d -> d.number().equals(number))) {
                forgetDestination(device, number);
                listener.remoteDestinationsChanged(device);
            }
        });
        addDestination(device, effectiveName, number, false);
        if (active) {
            device.activate(number, linkId);
        }
        listener.remoteDestinationsChanged(device);
    }

    private void checkNewRemoteNumber(Device device, String number) {
        if (number == null || number.isBlank()) {
            throw new SwitchException(SwitchError.INVALID_ARGUMENT, "remote destination number is empty");
        }
        if (isDirectoryNumber(number)) {
            throw new SwitchException(SwitchError.NUMBER_IS_SWITCH_DN, "remote destination " + number
                    + " is a directory number of the switch (device " + byDn.get(number).name() + ")");
        }
        if (!isExternallyReachable(number)) {
            throw new SwitchException(SwitchError.NOT_REACHABLE, "remote destination " + number
                    + " is not reachable: it does not match the external dial plan " + externalDialPlan.pattern());
        }
        Device holder = byRemoteNumber.get(RemoteNumbers.normalize(number));
        if (holder != null) {
            throw new SwitchException(SwitchError.DUPLICATE_REMOTE_DESTINATION, "remote destination " + number
                    + " is already a remote destination of device " + holder.name());
        }
    }

    private int remoteDestinationLimit(Device device) {
        SwitchConfig.EndUser owner = users.get(device.owner());
        return owner != null && owner.remoteDestinationLimit() != null ? owner.remoteDestinationLimit() : config.remoteDestinationLimit();
    }

    /** Makes a remote destination active (deactivating any other) or inactive, on behalf of {@code linkId}. */
    public void setActiveRemoteDestination(String linkId, String deviceName, String number, boolean active) {
        Device device = requireRemoteDevice(deviceName);
        requireDestination(device, number);
        if (active) {
            if (number.equals(device.activeNumber()) && linkId.equals(device.activeSetBy())) {
                return;
            }
            device.activate(number, linkId);
        } else {
            if (!number.equals(device.activeNumber())) {
                return;
            }
            device.deactivate(linkId);
        }
        listener.remoteDestinationsChanged(device);
    }

    /** Removes a remote destination; removing the active one leaves the device with none active. */
    public void removeRemoteDestination(String deviceName, String number) {
        Device device = requireRemoteDevice(deviceName);
        Device.Destination destination = requireDestination(device, number);
        persistence.remoteDestinationRemoved(deviceName, number, () -> {
            if (!byRemoteNumber.containsKey(RemoteNumbers.normalize(number))) {
                addDestination(device, destination.name(), number, destination.fromConfig());
                listener.remoteDestinationsChanged(device);
            }
        });
        forgetDestination(device, number);
        listener.remoteDestinationsChanged(device);
    }

    private void forgetDestination(Device device, String number) {
        device.destinations().removeIf(d -> d.number().equals(number));
        byRemoteNumber.remove(RemoteNumbers.normalize(number));
        if (number.equals(device.activeNumber())) {
            device.deactivate(null);
        }
    }

    /** Clears every active remote destination set by {@code linkId} (its link closed). */
    public void clearActiveSetBy(String linkId) {
        for (Device device : devices.values()) {
            if (linkId.equals(device.activeSetBy())) {
                device.deactivate(null);
                listener.remoteDestinationsChanged(device);
            }
        }
    }

    // ---- Do Not Disturb and Call Forward All ------------------------------------------------------------

    /**
     * Whether Do Not Disturb is in effect on {@code device}: its device profile's status while a user is logged in with
     * one (CUCM keeps DND in the profile: "changes made while logged in are kept for the next login and do not change
     * the physical device's own settings"), else its own.
     */
    public boolean doNotDisturb(Device device) {
        return device.profile() != null ? dndProfiles.contains(device.profile()) : dndDevices.contains(device.name());
    }

    /**
     * Turns Do Not Disturb on or off on {@code deviceName} (JTAPI {@code CiscoTerminal.setDNDStatus}): refused when
     * the device is out of service (DEVICE_OUT_OF_SERVICE) or the status is already {@code on} (ALREADY_SET).
     */
    public void setDoNotDisturb(String deviceName, boolean on) {
        Device device = require(deviceName);
        if (!device.inService()) {
            throw new SwitchException(SwitchError.DEVICE_OUT_OF_SERVICE, "device " + deviceName + " is out of service");
        }
        if (doNotDisturb(device) == on) {
            throw new SwitchException(SwitchError.ALREADY_SET, "Do Not Disturb is already " + (on ? "on" : "off") + " on device " + deviceName);
        }
        String kind = device.profile() != null ? PROFILE_HOLDER : DEVICE_HOLDER;
        String holder = device.profile() != null ? device.profile() : deviceName;
        Set<String> holders = device.profile() != null ? dndProfiles : dndDevices;
        apply(holders, holder, on);
        persistence.doNotDisturbChanged(kind, holder, on, () -> {
            if (holders.contains(holder) == on) {
                apply(holders, holder, !on);
                devices.values().stream().filter(d -> holder.equals(d.profile() != null ? d.profile() : d.name()))
                        .forEach(listener::doNotDisturbChanged);
            }
        });
        listener.doNotDisturbChanged(device);
    }

    private static void apply(Set<String> holders, String holder, boolean on) {
        if (on) {
            holders.add(holder);
        } else {
            holders.remove(holder);
        }
    }

    /** The Call Forward All destination of {@code dn}, or null. */
    public String forwardAll(String dn) {
        return forwardAll.get(dn);
    }

    /** The Call Forward All destinations of {@code lines} that have one. */
    public Map<String, String> forwardAll(List<String> lines) {
        Map<String, String> result = new LinkedHashMap<>();
        lines.forEach(dn -> {
            if (forwardAll.containsKey(dn)) {
                result.put(dn, forwardAll.get(dn));
            }
        });
        return result;
    }

    /**
     * Sets ({@code destination}) or cancels (null) Call Forward All of {@code dn} (JTAPI
     * {@code CallControlAddress.setForwarding}/{@code cancelForwarding}). A destination must be another number that the
     * dial plan routes and must not lead back to {@code dn} through other forwards (CUCM's CFA loop prevention): else
     * UNROUTABLE. Cancelling when nothing is set changes nothing.
     */
    public void setForwardAll(String dn, String destination) {
        Device device = deviceByDn(dn).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND, "no device has DN " + dn));
        String before = forwardAll.get(dn);
        if (destination != null) {
            checkForwardDestination(dn, destination);
        }
        if (java.util.Objects.equals(before, destination)) {
            return;
        }
        if (destination == null) {
            forwardAll.remove(dn);
        } else {
            forwardAll.put(dn, destination);
        }
        persistence.forwardAllChanged(dn, destination, () -> {
            if (java.util.Objects.equals(forwardAll.get(dn), destination)) {
                if (before == null) {
                    forwardAll.remove(dn);
                } else {
                    forwardAll.put(dn, before);
                }
                listener.forwardAllChanged(byDn.get(dn), dn);
            }
        });
        listener.forwardAllChanged(device, dn);
    }

    private void checkForwardDestination(String dn, String destination) {
        if (destination.isBlank() || destination.equals(dn)) {
            throw new SwitchException(SwitchError.UNROUTABLE, "DN " + dn + " cannot be forwarded to itself");
        }
        if (!isDirectoryNumber(destination) && !isExternallyReachable(destination)) {
            throw new SwitchException(SwitchError.UNROUTABLE, "forward destination " + destination
                    + " cannot be routed: it is not a DN of the switch and does not match the external dial plan");
        }
        String next = destination;
        for (int hop = 0; next != null && hop < FORWARD_MAXIMUM_HOPS; hop++) {
            if (next.equals(dn)) {
                throw new SwitchException(SwitchError.UNROUTABLE, "forwarding " + dn + " to " + destination
                        + " would make a forwarding loop (" + destination + " is forwarded back to " + dn + ")");
            }
            next = forwardAll.get(next);
        }
    }

    /**
     * Where a call to {@code dialled} is offered: {@code dialled} itself, or the end of its Call Forward All chain
     * (followed up to {@link #FORWARD_MAXIMUM_HOPS} forwards).
     */
    public String forwardedDestination(String dialled) {
        String to = dialled;
        for (int hop = 0; hop < FORWARD_MAXIMUM_HOPS && forwardAll.containsKey(to); hop++) {
            to = forwardAll.get(to);
        }
        return to;
    }

    /** The configured Call Forward Busy destination of {@code dn}, or null. */
    public String forwardBusy(String dn) {
        SwitchConfig.DnForwarding f = dnForwarding.get(dn);
        return f == null ? null : f.busy();
    }

    /** The configured Call Forward No Answer destination of {@code dn}, or null. */
    public String forwardNoAnswer(String dn) {
        SwitchConfig.DnForwarding f = dnForwarding.get(dn);
        return f == null ? null : f.noAnswer();
    }

    /** How long a call rings unanswered at {@code dn} before Call Forward No Answer applies. */
    public java.time.Duration noAnswerTime(String dn) {
        SwitchConfig.DnForwarding f = dnForwarding.get(dn);
        return java.time.Duration.ofSeconds(f != null && f.noAnswerSeconds() != null ? f.noAnswerSeconds()
                : config.callForwarding().noAnswerSeconds());
    }

    /** The device as a link that has id {@code linkId} sees it. */
    public io.tandem.switchlink.DeviceSnapshot snapshotFor(Device device, String linkId) {
        return device.snapshotFor(linkId, doNotDisturb(device), forwardAll(device.lines()));
    }

    // ---- route points ----------------------------------------------------------------------------------

    /**
     * Registers {@code linkId}'s route callback on route point {@code dn}: refused when {@code dn} is on no device
     * (DEVICE_NOT_FOUND), not on a route point (INVALID_ARGUMENT), or when another link's callback is registered there
     * (INVALID_STATE; one routing application per route point). Registering again is a no-op.
     */
    public void registerRouteCallback(String linkId, String dn) {
        requireRoutePoint(dn);
        String holder = routeCallbacks.get(dn);
        if (holder != null && !holder.equals(linkId)) {
            throw new SwitchException(SwitchError.INVALID_STATE, "route point " + dn + " has the route callback of " + holder
                    + " registered; one routing application per route point");
        }
        routeCallbacks.put(dn, linkId);
    }

    /** Unregisters {@code linkId}'s route callback from {@code dn}; returns whether it was registered. */
    public boolean unregisterRouteCallback(String linkId, String dn) {
        requireRoutePoint(dn);
        return routeCallbacks.remove(dn, linkId);
    }

    /** Every route callback of {@code linkId} goes (its link closed); returns the route points it was on. */
    public List<String> dropRouteCallbacks(String linkId) {
        List<String> dropped = routeCallbacks.entrySet().stream().filter(e -> e.getValue().equals(linkId)).map(Map.Entry::getKey).toList();
        dropped.forEach(routeCallbacks::remove);
        return dropped;
    }

    /** The link whose route callback is registered on route point {@code dn}, or null. */
    public String routeCallback(String dn) {
        return routeCallbacks.get(dn);
    }

    /** Whether {@code dn} is a route point's DN. */
    public boolean isRoutePoint(String dn) {
        Device device = byDn.get(dn);
        return device != null && device.type() == DeviceType.ROUTE_POINT;
    }

    private Device requireRoutePoint(String dn) {
        Device device = deviceByDn(dn).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND, "no device has DN " + dn));
        if (device.type() != DeviceType.ROUTE_POINT) {
            throw new SwitchException(SwitchError.INVALID_ARGUMENT, dn + " is on " + device.type().configName() + " " + device.name()
                    + ", not on a route point");
        }
        return device;
    }

    /** The device named {@code name}, or a {@link SwitchError#DEVICE_NOT_FOUND} failure. */
    public Device require(String name) {
        Device device = devices.get(name);
        if (device == null) {
            throw new SwitchException(SwitchError.DEVICE_NOT_FOUND, "no device named '" + name + "'");
        }
        return device;
    }

    private Device requireRemoteDevice(String name) {
        Device device = require(name);
        if (device.type() != DeviceType.CTI_REMOTE_DEVICE) {
            throw new SwitchException(SwitchError.NOT_A_REMOTE_DEVICE, "device " + name + " is a " + device.type().configName()
                    + ", not a cti-remote-device");
        }
        return device;
    }

    private static Device.Destination requireDestination(Device device, String number) {
        return device.destination(number).orElseThrow(() -> new SwitchException(SwitchError.REMOTE_DESTINATION_UNAVAILABLE,
                "remote destination " + number + " is not configured on device " + device.name()));
    }
}
