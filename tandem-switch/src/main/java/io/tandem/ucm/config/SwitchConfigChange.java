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
    @JsonSubTypes.Type(value = SwitchConfigChange.RemoveRemoteDestination.class, name = "remove-remote-destination")
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
            return withDevice(config, new SwitchConfig.Device(d.name(), d.type(), d.model(), d.owner(), d.lines(), rds, d.extensionMobility(),
                    d.logoutProfile()));
        }
    }

    /** A remote destination removed from CTI remote device {@code device}. */
    record RemoveRemoteDestination(String device, String number) implements SwitchConfigChange {
        @Override
        public SwitchConfig applyTo(SwitchConfig config) {
            SwitchConfig.Device d = remoteDevice(config, device);
            List<SwitchConfig.RemoteDestination> rds = new ArrayList<>(d.remoteDestinations());
            rds.removeIf(rd -> RemoteNumbers.normalize(rd.number()).equals(RemoteNumbers.normalize(number)));
            return withDevice(config, new SwitchConfig.Device(d.name(), d.type(), d.model(), d.owner(), d.lines(), rds, d.extensionMobility(),
                    d.logoutProfile()));
        }
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

    private static SwitchConfig withDevice(SwitchConfig config, SwitchConfig.Device changed) {
        List<SwitchConfig.Device> devices = new ArrayList<>();
        config.devices().forEach(d -> devices.add(d.name().equals(changed.name()) ? changed : d));
        return new SwitchConfig(config.externalDialPattern(), config.autoAnswer(), config.remoteDestinationLimit(), config.endUsers(),
                config.applicationUsers(), devices, config.deviceProfiles(), config.defaultDeviceProfiles(), config.emParameters());
    }
}
