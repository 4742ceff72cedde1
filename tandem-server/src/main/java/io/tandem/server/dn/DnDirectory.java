package io.tandem.server.dn;

import io.tandem.server.config.TServerConfig;
import io.tandem.switchlink.DeviceSnapshot;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured DNs and the switch devices bound to them. Core thread only. */
public final class DnDirectory {

    private final Map<String, DirectoryNumber> dns = new LinkedHashMap<>();
    private final Map<String, List<DirectoryNumber>> byDevice = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    /** Every device of the link as it is now (lines, service, remote destinations), kept for DNs added later. */
    private final Map<String, DeviceSnapshot> devices = new LinkedHashMap<>();

    /** A directory of the configured DNs. */
    public DnDirectory(List<TServerConfig.DnConfig> configured) {
        configured.forEach(dn -> dns.put(dn.number(), new DirectoryNumber(dn.number(), dn.type())));
    }

    /** The DN {@code number}, if configured. */
    public Optional<DirectoryNumber> find(String number) {
        return Optional.ofNullable(dns.get(number));
    }

    /** Every configured DN. */
    public Collection<DirectoryNumber> all() {
        return Collections.unmodifiableCollection(dns.values());
    }

    /** The configured DNs on {@code device}. */
    public List<DirectoryNumber> onDevice(String device) {
        return byDevice.getOrDefault(device, List.of());
    }

    /** Puts {@code dn} on device {@code d}, with the device's state and, for a remote terminal, its destinations. */
    private void bindTo(DirectoryNumber dn, DeviceSnapshot d) {
        dn.bind(d.name(), d.type(), d.inService(), d.loggedInUser());
        byDevice.computeIfAbsent(d.name(), k -> new java.util.ArrayList<>()).add(dn);
        if (dn.terminal() != null) {
            dn.terminal().switchReported(d.remoteDestinations(), d.lastSetByThisLink());
        }
    }

    /** A device the link controls was added at run time: its DNs go onto it. Returns them. */
    public List<DirectoryNumber> deviceAdded(DeviceSnapshot d) {
        devices.put(d.name(), d);
        if (d.owner() != null) {
            owners.put(d.name(), d.owner());
        }
        List<DirectoryNumber> bound = new java.util.ArrayList<>();
        for (String line : d.lines()) {
            DirectoryNumber dn = dns.get(line);
            if (dn != null) {
                bindTo(dn, d);
                bound.add(dn);
            }
        }
        return bound;
    }

    /** A device was removed at run time: its DNs are on no device now. Returns them. */
    public List<DirectoryNumber> deviceRemoved(String device) {
        devices.remove(device);
        owners.remove(device);
        List<DirectoryNumber> affected = byDevice.remove(device);
        if (affected == null) {
            return List.of();
        }
        affected.forEach(DirectoryNumber::unbind);
        return affected;
    }

    /** A remote device's destinations changed: remembered for DNs added later. */
    public void remoteDestinationsChanged(String device, List<io.tandem.switchlink.RemoteDestination> destinations, boolean lastSetByThisLink) {
        DeviceSnapshot known = devices.get(device);
        if (known != null) {
            devices.put(device, known.withRemoteDestinations(destinations, lastSetByThisLink));
        }
    }

    /**
     * Adds DN {@code config} at run time and binds it to the device that has it on a line now, if any.
     *
     * @throws IllegalStateException if it is configured already
     */
    public DirectoryNumber add(TServerConfig.DnConfig config) {
        if (dns.containsKey(config.number())) {
            throw new IllegalStateException("DN " + config.number() + " is already configured");
        }
        DirectoryNumber dn = new DirectoryNumber(config.number(), config.type());
        dns.put(dn.number(), dn);
        for (DeviceSnapshot d : devices.values()) {
            if (d.lines().contains(dn.number())) {
                bindTo(dn, d);
                break;
            }
        }
        return dn;
    }

    /** Removes DN {@code number} at run time (the caller checked that no client is registered on it). */
    public void remove(String number) {
        DirectoryNumber dn = dns.remove(number);
        if (dn != null && dn.device() != null) {
            List<DirectoryNumber> onDevice = byDevice.get(dn.device());
            if (onDevice != null) {
                onDevice.remove(dn);
            }
            dn.unbind();
        }
    }

    /** The owner user of {@code device} as the switch reported it, or null. */
    public String ownerOf(String device) {
        return device == null ? null : owners.get(device);
    }

    /** Binds each DN to the device that has it on a line, from a link's device snapshot. */
    public void bind(List<DeviceSnapshot> devices) {
        byDevice.clear();
        owners.clear();
        this.devices.clear();
        devices.forEach(d -> {
            this.devices.put(d.name(), d);
            if (d.owner() != null) {
                owners.put(d.name(), d.owner());
            }
        });
        Map<String, DeviceSnapshot> deviceOfDn = new HashMap<>();
        devices.forEach(d -> d.lines().forEach(line -> deviceOfDn.putIfAbsent(line, d)));
        for (DirectoryNumber dn : dns.values()) {
            DeviceSnapshot d = deviceOfDn.get(dn.number());
            if (d == null) {
                dn.unbind();
                continue;
            }
            bindTo(dn, d);
        }
    }

    /**
     * A phone's lines changed (Extension Mobility): its old DNs leave it, its new DNs (when this server still
     * controls the phone) come onto it. Returns every DN whose binding changed.
     */
    public List<DirectoryNumber> relines(String device, List<String> lines, boolean inService, String user, boolean controlled) {
        DeviceSnapshot known = devices.get(device);
        if (known != null && controlled) {
            devices.put(device, known.withLines(lines, inService, user, known.dnd(), known.forwardAll()));
        } else if (controlled) {
            devices.put(device, new DeviceSnapshot(device, io.tandem.switchlink.DeviceType.PHONE, null, null, lines, inService, List.of(),
                    false, user, false, null, Map.of()));
        } else {
            devices.remove(device);
        }
        List<DirectoryNumber> affected = new java.util.ArrayList<>(onDevice(device));
        affected.forEach(DirectoryNumber::unbind);
        byDevice.remove(device);
        if (controlled) {
            for (String line : lines) {
                DirectoryNumber dn = dns.get(line);
                if (dn != null) {
                    dn.bind(device, io.tandem.switchlink.DeviceType.PHONE, inService, user);
                    byDevice.computeIfAbsent(device, k -> new java.util.ArrayList<>()).add(dn);
                    if (!affected.contains(dn)) {
                        affected.add(dn);
                    }
                }
            }
        }
        return affected;
    }

    /** Records a device service change for every DN on it. */
    public void deviceServiceChanged(String device, boolean inService) {
        DeviceSnapshot known = devices.get(device);
        if (known != null) {
            devices.put(device, known.withInService(inService));
        }
        onDevice(device).forEach(dn -> dn.setDeviceInService(inService));
    }
}
