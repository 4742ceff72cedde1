package io.tandem.app;

import io.tandem.server.admin.SwitchConsole;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigChange;
import io.tandem.ucm.em.EmLogin;
import io.tandem.ucm.em.ExtensionMobility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The web console's view of the embedded switch in the all-in-one server: phones with their Extension
 * Mobility logins (logins and logouts go through the same {@link ExtensionMobility} service as the EM API),
 * and run-time configuration (the simulator is the switch's control API). Switch refusals come back as
 * {@link IllegalArgumentException}s naming the problem.
 */
final class EmbeddedSwitchConsole implements SwitchConsole {

    private final EmbeddedSwitch sw;

    EmbeddedSwitchConsole(EmbeddedSwitch sw) {
        this.sw = sw;
    }

    @Override
    public CompletableFuture<List<PhoneRow>> phones() {
        return sw.devices().thenCompose(devices -> sw.withExtensionMobility(em -> {
            Map<String, SwitchConfig.Device> configured = new HashMap<>();
            em.config().devices().forEach(d -> configured.put(d.name(), d));
            List<PhoneRow> rows = new ArrayList<>();
            for (EmbeddedSwitch.DeviceView d : devices) {
                if (d.type().equals("phone")) {
                    rows.add(row(em, d, configured.get(d.name())));
                }
            }
            return rows;
        }));
    }

    private static PhoneRow row(ExtensionMobility em, EmbeddedSwitch.DeviceView d, SwitchConfig.Device config) {
        EmLogin login = em.loginOn(d.name()).orElse(null);
        return new PhoneRow(d.name(), config == null ? null : config.model(), d.lines(), d.inService(),
                config != null && config.extensionMobility(), login == null ? null : login.userId(), login == null ? null : login.profile(),
                login == null ? null : login.loginMillis(), login == null ? null : login.logoutAtMillis());
    }

    private CompletableFuture<PhoneRow> phone(String device) {
        return phones().thenApply(all -> all.stream().filter(p -> p.device().equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phone " + device)));
    }

    @Override
    public CompletableFuture<PhoneRow> login(String device, String user, String profile) {
        return refusalsAsArguments(sw.withExtensionMobility(em -> em.login(device, user, profile))).thenCompose(l -> phone(device));
    }

    @Override
    public CompletableFuture<PhoneRow> logout(String device) {
        return refusalsAsArguments(sw.withExtensionMobility(em -> em.logout(device))).thenCompose(l -> phone(device));
    }

    @Override
    public CompletableFuture<SwitchDevice> addRemoteDestination(String device, String name, String number) {
        return changed(new SwitchConfigChange.AddRemoteDestination(device, name, number)).thenCompose(done -> device(device));
    }

    @Override
    public CompletableFuture<SwitchDevice> removeRemoteDestination(String device, String number) {
        return changed(new SwitchConfigChange.RemoveRemoteDestination(device, number)).thenCompose(done -> device(device));
    }

    @Override
    public CompletableFuture<SwitchUser> addUser(String id, String name, boolean mobility, Integer remoteDestinationLimit, String pin) {
        return changed(new SwitchConfigChange.AddEndUser(new SwitchConfig.EndUser(id, name, mobility, remoteDestinationLimit, pin)))
                .thenApply(done -> new SwitchUser(id, name, mobility, remoteDestinationLimit));
    }

    @Override
    public CompletableFuture<Removed> removeUser(String id) {
        return changed(new SwitchConfigChange.RemoveEndUser(id)).thenApply(Removed::new);
    }

    @Override
    public CompletableFuture<SwitchProfile> addProfile(String name, String user, String model, List<String> lines, boolean isDefault,
            List<String> controlledBy) {
        return changed(new SwitchConfigChange.AddDeviceProfile(
                new SwitchConfig.DeviceProfile(name, user, model, lines, isDefault, SwitchConfig.ProfileSettings.NONE), controlledBy))
                .thenApply(done -> new SwitchProfile(name, user, model, List.copyOf(lines), isDefault));
    }

    @Override
    public CompletableFuture<Removed> removeProfile(String name) {
        return changed(new SwitchConfigChange.RemoveDeviceProfile(name)).thenApply(Removed::new);
    }

    @Override
    public CompletableFuture<SwitchDevice> addDevice(NewDevice d) {
        io.tandem.switchlink.DeviceType type = io.tandem.switchlink.DeviceType.fromConfigName(d.type()).orElse(null);
        if (type == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown device type '" + d.type()
                    + "' (allowed: phone, cti-remote-device, cti-port, route-point)"));
        }
        List<SwitchConfig.RemoteDestination> rds = new java.util.ArrayList<>();
        d.remoteDestinations().forEach((number, name) -> rds.add(new SwitchConfig.RemoteDestination(name == null ? number : name, number)));
        SwitchConfig.Device device = new SwitchConfig.Device(d.name(), type, d.model(), d.owner(), d.lines(), rds, d.extensionMobility(), null);
        return changed(new SwitchConfigChange.AddDevice(device, d.controlledBy())).thenCompose(done -> device(d.name()));
    }

    @Override
    public CompletableFuture<Removed> removeDevice(String name) {
        return changed(new SwitchConfigChange.RemoveDevice(name)).thenApply(Removed::new);
    }

    private CompletableFuture<String> changed(SwitchConfigChange change) {
        return refusalsAsArguments(sw.changeConfiguration(change));
    }

    private CompletableFuture<SwitchDevice> device(String name) {
        return refusalsAsArguments(sw.device(name)).thenApply(EmbeddedSwitchConsole::device);
    }

    private static SwitchDevice device(EmbeddedSwitch.DeviceView d) {
        return new SwitchDevice(d.name(), d.type(), d.owner(), d.lines(), d.inService(), d.remoteDestinations(), d.activeSetBy());
    }

    @Override
    public long version() {
        return sw.links().changes();
    }

    /** The switch's own exceptions (EM errors, switch errors) become IllegalArgumentExceptions with their message. */
    private static <T> CompletableFuture<T> refusalsAsArguments(CompletableFuture<T> result) {
        return result.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RuntimeException && !(cause instanceof NullPointerException)) {
                throw new IllegalArgumentException(cause.getMessage(), cause);
            }
            throw new CompletionException(cause);
        });
    }
}
