package io.tandem.ucm.link;

import io.tandem.switchlink.DeviceSnapshot;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.SwitchLinkListener;
import io.tandem.ucm.model.Device;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One open link on the embedded switch, as seen by the application that opened it. */
public final class LinkSession implements SwitchLink {

    /** What a session needs from the switch: running work on the switch thread, and closing. */
    public interface Host {
        /** Runs {@code action} on the switch thread; its failure completes the future exceptionally. */
        CompletableFuture<Void> onSwitchThread(Runnable action);

        /** Performs a remote-destination verb for {@code session}. */
        void addRemoteDestination(LinkSession session, String device, String name, String number, boolean active);

        /** Performs a remote-destination verb for {@code session}. */
        void setActiveRemoteDestination(LinkSession session, String device, String number, boolean active);

        /**
         * Performs a remote-destination verb for {@code session} on each of {@code changes}, each refused on its own;
         * returns each one's outcome in order.
         */
        List<io.tandem.switchlink.VerbOutcome> setActiveRemoteDestinations(LinkSession session,
                List<io.tandem.switchlink.ActiveDestination> changes);

        /** Performs a remote-destination verb for {@code session}. */
        void removeRemoteDestination(LinkSession session, String device, String number);

        /** Sets Do Not Disturb on a device for {@code session}. */
        void setDoNotDisturb(LinkSession session, String device, boolean on);

        /** Sets or cancels Call Forward All of a DN for {@code session}. */
        void setForwardAll(LinkSession session, String dn, String destination);

        /** Registers ({@code register}) or unregisters {@code session}'s route callback on route point {@code dn}. */
        void routeCallback(LinkSession session, String dn, boolean register);

        /** Starts, changes or stops a monitoring for {@code session}. */
        void monitor(LinkSession session, io.tandem.switchlink.MonitorRequest request);

        /** Starts or stops a recording for {@code session}. */
        void record(LinkSession session, io.tandem.switchlink.RecordingRequest request);

        /** Performs a call verb for {@code session}; returns the call ID. */
        long call(LinkSession session, io.tandem.switchlink.CallRequest request);

        /** Grants {@code session} the primary role of its application user, or throws PRIMARY_HELD. */
        void claimPrimary(LinkSession session);

        /** Frees the primary role if {@code session} holds it and clears the active destinations it set. */
        void releasePrimary(LinkSession session);

        /** Closes {@code session}: forgets it and clears what it set. */
        void close(LinkSession session, String reason);
    }

    private final String linkId;
    private final String applicationUser;
    private volatile Set<String> controlled;
    private volatile Set<String> controlledProfiles;
    private final java.util.function.Function<String, String> profileOn;
    private final SwitchLinkListener listener;
    private final Host host;
    private List<DeviceSnapshot> devices = List.of();
    private volatile boolean open = true;

    LinkSession(String linkId, String applicationUser, Set<String> controlled, Set<String> controlledProfiles,
            java.util.function.Function<String, String> profileOn, SwitchLinkListener listener, Host host) {
        this.linkId = linkId;
        this.applicationUser = applicationUser;
        this.controlled = Set.copyOf(controlled);
        this.controlledProfiles = Set.copyOf(controlledProfiles);
        this.profileOn = profileOn;
        this.listener = listener;
        this.host = host;
    }

    /** Records the device snapshot taken when the link opened. */
    void setDevices(List<DeviceSnapshot> snapshot) {
        this.devices = List.copyOf(snapshot);
    }

    @Override
    public String linkId() {
        return linkId;
    }

    /** The application user the link was opened as. */
    public String applicationUser() {
        return applicationUser;
    }

    /**
     * Whether this link controls (and so observes) the device: it is in the application user's controlled devices,
     * or a user is logged in to it with a device profile the application user controls. Switch thread only.
     */
    public boolean controls(String device) {
        if (controlled.contains(device)) {
            return true;
        }
        String profile = profileOn.apply(device);
        return profile != null && controlledProfiles.contains(profile);
    }

    /** Whether the device or the profile gives this link control (used when a login ends). */
    /** The devices this link's application user controls now (a run-time change). */
    void setControlledDevices(Set<String> devices) {
        this.controlled = Set.copyOf(devices);
    }

    /** The device profiles this link's application user controls now (a run-time change). */
    void setControlledProfiles(Set<String> profiles) {
        this.controlledProfiles = Set.copyOf(profiles);
    }

    boolean controlledThrough(String device, String profile) {
        return controlled.contains(device) || (profile != null && controlledProfiles.contains(profile));
    }

    @Override
    public List<DeviceSnapshot> devices() {
        return devices;
    }

    @Override
    public CompletableFuture<Void> addRemoteDestination(String device, String name, String number, boolean active) {
        return host.onSwitchThread(() -> host.addRemoteDestination(this, device, name, number, active));
    }

    @Override
    public CompletableFuture<Void> setActiveRemoteDestination(String device, String number, boolean active) {
        return host.onSwitchThread(() -> host.setActiveRemoteDestination(this, device, number, active));
    }

    /** Every item in one switch task, so that their writes are committed together before the answer. */
    @Override
    public CompletableFuture<List<io.tandem.switchlink.VerbOutcome>> setActiveRemoteDestinations(
            List<io.tandem.switchlink.ActiveDestination> changes) {
        if (changes.size() > MAX_ACTIVE_DESTINATIONS) {
            return SwitchLink.super.setActiveRemoteDestinations(changes);
        }
        List<io.tandem.switchlink.ActiveDestination> items = List.copyOf(changes);
        java.util.concurrent.atomic.AtomicReference<List<io.tandem.switchlink.VerbOutcome>> outcomes =
                new java.util.concurrent.atomic.AtomicReference<>();
        return host.onSwitchThread(() -> outcomes.set(host.setActiveRemoteDestinations(this, items))).thenApply(v -> outcomes.get());
    }

    @Override
    public CompletableFuture<Void> removeRemoteDestination(String device, String number) {
        return host.onSwitchThread(() -> host.removeRemoteDestination(this, device, number));
    }

    @Override
    public CompletableFuture<Void> setDoNotDisturb(String device, boolean on) {
        return host.onSwitchThread(() -> host.setDoNotDisturb(this, device, on));
    }

    @Override
    public CompletableFuture<Void> monitor(io.tandem.switchlink.MonitorRequest request) {
        return host.onSwitchThread(() -> host.monitor(this, request));
    }

    @Override
    public CompletableFuture<Void> record(io.tandem.switchlink.RecordingRequest request) {
        return host.onSwitchThread(() -> host.record(this, request));
    }

    @Override
    public CompletableFuture<Void> registerRouteCallback(String dn) {
        return host.onSwitchThread(() -> host.routeCallback(this, dn, true));
    }

    @Override
    public CompletableFuture<Void> unregisterRouteCallback(String dn) {
        return host.onSwitchThread(() -> host.routeCallback(this, dn, false));
    }

    @Override
    public CompletableFuture<Void> setForwardAll(String dn, String destination) {
        return host.onSwitchThread(() -> host.setForwardAll(this, dn, destination));
    }

    @Override
    public CompletableFuture<Void> claimPrimary() {
        return host.onSwitchThread(() -> host.claimPrimary(this));
    }

    @Override
    public CompletableFuture<Void> releasePrimary() {
        return host.onSwitchThread(() -> host.releasePrimary(this));
    }

    @Override
    public CompletableFuture<Long> call(io.tandem.switchlink.CallRequest request) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        host.onSwitchThread(() -> result.complete(host.call(this, request)))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        result.completeExceptionally(io.tandem.switchlink.SwitchException.unwrap(error));
                    }
                });
        return result;
    }

    @Override
    public void close() {
        host.onSwitchThread(() -> host.close(this, "closed by the application")).join();
    }

    /** Whether the link is still open. Called on the switch thread. */
    public boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    /** Tells the application about a device change. Called on the switch thread. */
    void deliver(SwitchEvent event) {
        if (open) {
            listener.onEvent(event);
        }
    }

    /** Tells the application its link is closed. Called on the switch thread. */
    void deliverClosed(String reason) {
        listener.onClosed(reason);
    }

    /** The remote-destination event for {@code device} as this link sees it. */
    SwitchEvent.RemoteDestinationsChanged remoteDestinationEvent(Device device) {
        return new SwitchEvent.RemoteDestinationsChanged(device.name(), device.remoteDestinations(), linkId.equals(device.lastSetBy()));
    }
}
