package io.tandem.ucm.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tandem.switchlink.DeviceType;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of the switch's configuration made at run time (admin API), kept in the switch's database and
 * applied over the configuration file at every start, in the order made. Each change turns one
 * configuration into the next, or refuses with {@link IllegalArgumentException} naming the problem.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SwitchConfigChange.AddRemoteDestination.class, name = "add-remote-destination"),
    @JsonSubTypes.Type(value = SwitchConfigChange.RemoveRemoteDestination.class, name = "remove-remote-destination"),
    @JsonSubTypes.Type(value = SwitchConfigChange.AddEndUser.class, name = "add-end-user"),
    @JsonSubTypes.Type(value = SwitchConfigChange.RemoveEndUser.class, name = "remove-end-user"),
    @JsonSubTypes.Type(value = SwitchConfigChange.AddDeviceProfile.class, name = "add-device-profile"),
    @JsonSubTypes.Type(value = SwitchConfigChange.RemoveDeviceProfile.class, name = "remove-device-profile"),
    @JsonSubTypes.Type(value = SwitchConfigChange.AddDevice.class, name = "add-device"),
    @JsonSubTypes.Type(value = SwitchConfigChange.RemoveDevice.class, name = "remove-device")
})
public sealed interface SwitchConfigChange {

    /** The configuration after this change. */
    SwitchConfig applyTo(SwitchConfig config);

    /** A remote destination added to CTI remote device {@code device}. */
    record AddRemoteDestination(String device, String name, String number) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            SwitchConfig.Device d = remoteDevice(config, device);
            if (d.remoteDestinations().stream().anyMatch(rd -> RemoteNumbers.normalize(rd.number()).equals(RemoteNumbers.normalize(number)))) {
                throw new IllegalArgumentException("remote destination " + number + " is already configured on device " + device);
            }
            List<SwitchConfig.RemoteDestination> rds = new ArrayList<>(d.remoteDestinations());
            rds.add(new SwitchConfig.RemoteDestination(name == null || name.isBlank() ? number : name, number));
            return withDestinations(config, d, rds);
        }
    }

    /** A remote destination removed from CTI remote device {@code device}. */
    record RemoveRemoteDestination(String device, String number) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            SwitchConfig.Device d = remoteDevice(config, device);
            List<SwitchConfig.RemoteDestination> rds = new ArrayList<>(d.remoteDestinations());
            rds.removeIf(rd -> RemoteNumbers.normalize(rd.number()).equals(RemoteNumbers.normalize(number)));
            return withDestinations(config, d, rds);
        }
    }

    /** An end user added. */
    record AddEndUser(SwitchConfig.EndUser user) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            if (user.id() == null || user.id().isBlank()) {
                throw new IllegalArgumentException("an end user needs an id");
            }
            if (config.endUsers().stream().anyMatch(u -> u.id().equals(user.id()))) {
                throw new IllegalArgumentException("end user '" + user.id() + "' already exists");
            }
            List<SwitchConfig.EndUser> users = new ArrayList<>(config.endUsers());
            users.add(user);
            return with(config, users, config.applicationUsers(), config.deviceProfiles());
        }
    }

    /** An end user removed; refused while a device or a device profile refers to the user. */
    record RemoveEndUser(String id) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            if (config.endUsers().stream().noneMatch(u -> u.id().equals(id))) {
                throw new IllegalArgumentException("end user '" + id + "' does not exist");
            }
            for (SwitchConfig.Device d : config.devices()) {
                if (id.equals(d.owner())) {
                    throw new IllegalArgumentException("end user '" + id + "' owns device " + d.name() + "; change or remove the device first");
                }
            }
            for (SwitchConfig.DeviceProfile p : config.deviceProfiles()) {
                if (id.equals(p.user())) {
                    throw new IllegalArgumentException("end user '" + id + "' has device profile " + p.name() + "; remove the profile first");
                }
            }
            List<SwitchConfig.EndUser> users = new ArrayList<>(config.endUsers());
            users.removeIf(u -> u.id().equals(id));
            return with(config, users, config.applicationUsers(), config.deviceProfiles());
        }
    }

    /**
     * A device profile added for an existing user, controlled by the application users {@code controlledBy}
     * (so that their CTI servers follow its lines to the phone the user logs in to).
     */
    record AddDeviceProfile(SwitchConfig.DeviceProfile profile, List<String> controlledBy) implements SwitchConfigChange {
        /** Copies the list. */
        public AddDeviceProfile {
            controlledBy = controlledBy == null ? List.of() : List.copyOf(controlledBy);
        }

        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            if (config.deviceProfiles().stream().anyMatch(p -> p.name().equals(profile.name()))) {
                throw new IllegalArgumentException("device profile '" + profile.name() + "' already exists");
            }
            if (config.endUsers().stream().noneMatch(u -> u.id().equals(profile.user()))) {
                throw new IllegalArgumentException("device profile '" + profile.name() + "': end user '" + profile.user() + "' does not exist");
            }
            if (profile.lines().isEmpty()) {
                throw new IllegalArgumentException("device profile '" + profile.name() + "' needs at least one line");
            }
            if (profile.isDefault()) {
                config.deviceProfiles().stream().filter(p -> p.user().equals(profile.user()) && p.isDefault()).findFirst().ifPresent(p -> {
                    throw new IllegalArgumentException("end user '" + profile.user() + "' already has a default device profile, " + p.name());
                });
            }
            for (String line : profile.lines()) {
                config.devices().stream().filter(d -> d.lines().contains(line)).findFirst().ifPresent(d -> {
                    throw new IllegalArgumentException("device profile '" + profile.name() + "': DN " + line + " is already on device " + d.name());
                });
            }
            List<SwitchConfig.ApplicationUser> appUsers = new ArrayList<>();
            for (String id : controlledBy) {
                if (config.applicationUsers().stream().noneMatch(a -> a.id().equals(id))) {
                    throw new IllegalArgumentException("application user '" + id + "' does not exist");
                }
            }
            for (SwitchConfig.ApplicationUser a : config.applicationUsers()) {
                List<String> profiles = new ArrayList<>(a.controlledProfiles());
                if (controlledBy.contains(a.id())) {
                    profiles.add(profile.name());
                }
                appUsers.add(new SwitchConfig.ApplicationUser(a.id(), a.password(), a.controlledDevices(), profiles, a.emProxy(), a.allowCallRecording(), a.allowCallMonitoring()));
            }
            List<SwitchConfig.DeviceProfile> profiles = new ArrayList<>(config.deviceProfiles());
            profiles.add(profile);
            return with(config, config.endUsers(), appUsers, profiles);
        }
    }

    /** A device profile removed; refused while it is a phone's logout profile. */
    record RemoveDeviceProfile(String name) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            if (config.deviceProfiles().stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("device profile '" + name + "' does not exist");
            }
            config.devices().stream().filter(d -> name.equals(d.logoutProfile())).findFirst().ifPresent(d -> {
                throw new IllegalArgumentException("device profile '" + name + "' is the logout profile of " + d.name());
            });
            List<SwitchConfig.ApplicationUser> appUsers = new ArrayList<>();
            for (SwitchConfig.ApplicationUser a : config.applicationUsers()) {
                List<String> profiles = new ArrayList<>(a.controlledProfiles());
                profiles.remove(name);
                appUsers.add(new SwitchConfig.ApplicationUser(a.id(), a.password(), a.controlledDevices(), profiles, a.emProxy(), a.allowCallRecording(), a.allowCallMonitoring()));
            }
            List<SwitchConfig.DeviceProfile> profiles = new ArrayList<>(config.deviceProfiles());
            profiles.removeIf(p -> p.name().equals(name));
            return with(config, config.endUsers(), appUsers, profiles);
        }
    }

    /** A device added, controlled by the application users {@code controlledBy}. */
    record AddDevice(SwitchConfig.Device device, List<String> controlledBy) implements SwitchConfigChange {
        /** Copies the list. */
        public AddDevice {
            controlledBy = controlledBy == null ? List.of() : List.copyOf(controlledBy);
        }

        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            String name = device.name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a device needs a name");
            }
            if (config.devices().stream().anyMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("device '" + name + "' already exists");
            }
            if (device.owner() != null && config.endUsers().stream().noneMatch(u -> u.id().equals(device.owner()))) {
                throw new IllegalArgumentException("device '" + name + "': owner '" + device.owner() + "' does not exist");
            }
            if (device.type() == DeviceType.CTI_REMOTE_DEVICE) {
                SwitchConfig.EndUser owner = config.endUsers().stream().filter(u -> u.id().equals(device.owner())).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("device '" + name + "': a cti-remote-device needs an owner (an end user with mobility: true)"));
                if (!owner.mobility()) {
                    throw new IllegalArgumentException("device '" + name + "': owner '" + owner.id() + "' does not have mobility enabled");
                }
            } else if (!device.remoteDestinations().isEmpty()) {
                throw new IllegalArgumentException("device '" + name + "': only a cti-remote-device has remote destinations");
            }
            for (String line : device.lines()) {
                config.deviceProfiles().stream().filter(p -> p.lines().contains(line)).findFirst().ifPresent(p -> {
                    throw new IllegalArgumentException("device '" + name + "': DN " + line + " is a line of device profile " + p.name());
                });
            }
            for (String id : controlledBy) {
                if (config.applicationUsers().stream().noneMatch(a -> a.id().equals(id))) {
                    throw new IllegalArgumentException("application user '" + id + "' does not exist");
                }
            }
            List<SwitchConfig.ApplicationUser> appUsers = new ArrayList<>();
            for (SwitchConfig.ApplicationUser a : config.applicationUsers()) {
                List<String> devices = new ArrayList<>(a.controlledDevices());
                if (controlledBy.contains(a.id())) {
                    devices.add(name);
                }
                appUsers.add(new SwitchConfig.ApplicationUser(a.id(), a.password(), devices, a.controlledProfiles(), a.emProxy(), a.allowCallRecording(), a.allowCallMonitoring()));
            }
            List<SwitchConfig.Device> devices = new ArrayList<>(config.devices());
            devices.add(device);
            return new SwitchConfig(config.externalDialPattern(), config.autoAnswer(), config.remoteDestinationLimit(), config.endUsers(),
                    appUsers, devices, config.deviceProfiles(), config.defaultDeviceProfiles(), config.emParameters(), config.callForwarding(), config.recordingLines());
        }
    }

    /** A device removed (the switch refuses while it is on a call or has a login). */
    record RemoveDevice(String name) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            if (config.devices().stream().noneMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("device '" + name + "' does not exist");
            }
            List<SwitchConfig.ApplicationUser> appUsers = new ArrayList<>();
            for (SwitchConfig.ApplicationUser a : config.applicationUsers()) {
                List<String> devices = new ArrayList<>(a.controlledDevices());
                devices.remove(name);
                appUsers.add(new SwitchConfig.ApplicationUser(a.id(), a.password(), devices, a.controlledProfiles(), a.emProxy(), a.allowCallRecording(), a.allowCallMonitoring()));
            }
            List<SwitchConfig.Device> devices = new ArrayList<>(config.devices());
            devices.removeIf(d -> d.name().equals(name));
            return new SwitchConfig(config.externalDialPattern(), config.autoAnswer(), config.remoteDestinationLimit(), config.endUsers(),
                    appUsers, devices, config.deviceProfiles(), config.defaultDeviceProfiles(), config.emParameters(), config.callForwarding(), config.recordingLines());
        }
    }

    private static SwitchConfig with(SwitchConfig c, List<SwitchConfig.EndUser> users, List<SwitchConfig.ApplicationUser> appUsers,
            List<SwitchConfig.DeviceProfile> profiles) {
        return new SwitchConfig(c.externalDialPattern(), c.autoAnswer(), c.remoteDestinationLimit(), users, appUsers, c.devices(), profiles,
                c.defaultDeviceProfiles(), c.emParameters(), c.callForwarding(), c.recordingLines());
    }

    private static SwitchConfig.Device remoteDevice(SwitchConfig config, String name) {
        SwitchConfig.Device d = config.devices().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("device '" + name + "' does not exist"));
        if (d.type() != DeviceType.CTI_REMOTE_DEVICE) {
            throw new IllegalArgumentException("device '" + name + "' is a " + d.type().configName()
                    + ", not a cti-remote-device; only CTI remote devices have remote destinations");
        }
        return d;
    }

    private static SwitchConfig withDestinations(SwitchConfig config, SwitchConfig.Device d, List<SwitchConfig.RemoteDestination> rds) {
        return withDevice(config, new SwitchConfig.Device(d.name(), d.type(), d.model(), d.owner(), d.lines(), rds, d.extensionMobility(),
                d.logoutProfile(), d.dndOption(), d.selectRouteSeconds()));
    }

    private static SwitchConfig withDevice(SwitchConfig config, SwitchConfig.Device changed) {
        List<SwitchConfig.Device> devices = new ArrayList<>();
        config.devices().forEach(d -> devices.add(d.name().equals(changed.name()) ? changed : d));
        return new SwitchConfig(config.externalDialPattern(), config.autoAnswer(), config.remoteDestinationLimit(), config.endUsers(),
                config.applicationUsers(), devices, config.deviceProfiles(), config.defaultDeviceProfiles(), config.emParameters(), config.callForwarding(), config.recordingLines());
    }
}
