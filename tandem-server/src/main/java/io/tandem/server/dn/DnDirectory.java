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

    /** The owner user of {@code device} as the switch reported it, or null. */
    public String ownerOf(String device) {
        return device == null ? null : owners.get(device);
    }

    /** Binds each DN to the device that has it on a line, from a link's device snapshot. */
    public void bind(List<DeviceSnapshot> devices) {
        byDevice.clear();
        owners.clear();
        devices.forEach(d -> {
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
            dn.bind(d.name(), d.type(), d.inService(), d.loggedInUser());
            byDevice.computeIfAbsent(d.name(), k -> new java.util.ArrayList<>()).add(dn);
            if (dn.terminal() != null) {
                dn.terminal().switchReported(d.remoteDestinations(), d.lastSetByThisLink());
            }
        }
    }

    /**
     * A phone's lines changed (Extension Mobility): its old DNs leave it, its new DNs (when this server still
     * controls the phone) come onto it. Returns every DN whose binding changed.
     */
    public List<DirectoryNumber> relines(String device, List<String> lines, boolean inService, String user, boolean controlled) {
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
        onDevice(device).forEach(dn -> dn.setDeviceInService(inService));
    }
}
