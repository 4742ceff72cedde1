package io.tandem.ucm.link;

import io.tandem.switchlink.DeviceSnapshot;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLinkListener;
import io.tandem.ucm.model.Device;
import io.tandem.ucm.model.SwitchListener;
import io.tandem.ucm.model.SwitchModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open links of the embedded switch. Opens and closes them, performs their verbs on the model, and
 * reports every device change to each link that controls the device. All model access happens on the
 * switch thread given to the constructor.
 */
public final class LinkRegistry implements SwitchListener, LinkSession.Host {

    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    private static final Logger LOG = LoggerFactory.getLogger(LinkRegistry.class);

    private final SwitchModel model;
    private final io.tandem.ucm.model.CallModel calls;
    private final Executor switchThread;
    private final Map<String, LinkSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextLink = new AtomicLong();
    private final Map<String, String> primaryHolders = new ConcurrentHashMap<>();

    private final java.util.function.Function<Runnable, CompletableFuture<Void>> committed;

    /** A registry for {@code model} and {@code calls}, whose thread is {@code switchThread}, with nothing to write. */
    public LinkRegistry(SwitchModel model, io.tandem.ucm.model.CallModel calls, Executor switchThread) {
        this(model, calls, switchThread, action -> {
            action.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * A registry for {@code model} and {@code calls}, whose thread is {@code switchThread}; {@code committed} runs a
     * verb and completes when the changes it made are written (a verb is answered only then).
     */
    public LinkRegistry(SwitchModel model, io.tandem.ucm.model.CallModel calls, Executor switchThread,
            java.util.function.Function<Runnable, CompletableFuture<Void>> committed) {
        this.committed = committed;
        this.model = model;
        this.calls = calls;
        this.switchThread = switchThread;
        model.setListener(this);
        calls.setListener(this::callEvent);
        calls.setRecordingListener(this::recordingEvent);
        calls.setMonitorListener(this::monitorEvent);
    }

    /** Opens a link as {@code applicationUser}; fails with AUTHENTICATION_FAILED on bad credentials. */
    public CompletableFuture<LinkSession> open(String applicationUser, String password, SwitchLinkListener listener) {
        return CompletableFuture.supplyAsync(() -> {
            var user = model.authenticate(applicationUser, password);
            String linkId = "link-" + nextLink.incrementAndGet();
            LinkSession session = new LinkSession(linkId, applicationUser, Set.copyOf(user.controlledDevices()),
                    Set.copyOf(user.controlledProfiles()), device -> model.device(device).map(Device::profile).orElse(null), listener, this);
            List<DeviceSnapshot> snapshot = new ArrayList<>();
            model.devices().stream().filter(d -> session.controls(d.name())).forEach(d -> snapshot.add(model.snapshotFor(d, linkId)));
            session.setDevices(snapshot);
            sessions.put(linkId, session);
            LOG.info("switch link {} opened by application user '{}' ({} devices)", linkId, applicationUser, snapshot.size());
            return session;
        }, switchThread);
    }

    /** The open links. */
    public List<LinkSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public CompletableFuture<Void> onSwitchThread(Runnable action) {
        return CompletableFuture.supplyAsync(() -> committed.apply(action), switchThread)
                .thenCompose(written -> written.isDone() ? written : written.whenCompleteAsync((v, e) -> { }, switchThread));
    }

    @Override
    public void addRemoteDestination(LinkSession session, String device, String name, String number, boolean active) {
        checkControl(session, device);
        model.addRemoteDestination(session.linkId(), device, name, number, active);
    }

    @Override
    public void setActiveRemoteDestination(LinkSession session, String device, String number, boolean active) {
        checkControl(session, device);
        model.setActiveRemoteDestination(session.linkId(), device, number, active);
    }

    @Override
    public List<io.tandem.switchlink.VerbOutcome> setActiveRemoteDestinations(LinkSession session,
            List<io.tandem.switchlink.ActiveDestination> changes) {
        List<io.tandem.switchlink.VerbOutcome> outcomes = new ArrayList<>(changes.size());
        for (io.tandem.switchlink.ActiveDestination change : changes) {
            try {
                setActiveRemoteDestination(session, change.device(), change.number(), change.active());
                outcomes.add(io.tandem.switchlink.VerbOutcome.DONE);
            } catch (SwitchException e) {
                outcomes.add(io.tandem.switchlink.VerbOutcome.of(e));
            }
        }
        return outcomes;
    }

    @Override
    public void removeRemoteDestination(LinkSession session, String device, String number) {
        checkControl(session, device);
        model.removeRemoteDestination(device, number);
    }

    @Override
    public void setDoNotDisturb(LinkSession session, String device, boolean on) {
        checkControl(session, device);
        model.setDoNotDisturb(device, on);
    }

    @Override
    public void setForwardAll(LinkSession session, String dn, String destination) {
        Device device = model.deviceByDn(dn).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND, "no device has DN " + dn));
        checkControl(session, device.name());
        model.setForwardAll(dn, destination);
    }

    @Override
    public void doNotDisturbChanged(Device device) {
        changes.incrementAndGet();
        SwitchEvent event = new SwitchEvent.DoNotDisturbChanged(device.name(), model.doNotDisturb(device), device.dndOption());
        sessions.values().stream().filter(s -> s.controls(device.name())).forEach(s -> s.deliver(event));
    }

    @Override
    public void forwardAllChanged(Device device, String dn) {
        changes.incrementAndGet();
        if (device == null) {
            return;
        }
        SwitchEvent event = new SwitchEvent.ForwardAllChanged(device.name(), dn, model.forwardAll(dn));
        sessions.values().stream().filter(s -> s.controls(device.name())).forEach(s -> s.deliver(event));
    }

    @Override
    public void record(LinkSession session, io.tandem.switchlink.RecordingRequest request) {
        Device device = model.deviceByDn(request.dn()).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND,
                "no device has DN " + request.dn()));
        checkControl(session, device.name());
        boolean allowed = model.config().applicationUsers().stream().filter(a -> a.id().equals(session.applicationUser()))
                .anyMatch(io.tandem.ucm.config.SwitchConfig.ApplicationUser::allowCallRecording);
        if (!allowed) {
            throw new SwitchException(SwitchError.NOT_PERMITTED, "application user '" + session.applicationUser()
                    + "' may not record calls (it needs allow-call-recording, CUCM's Standard CTI Allow Call Recording)");
        }
        calls.record(request);
    }

    @Override
    public void monitor(LinkSession session, io.tandem.switchlink.MonitorRequest request) {
        for (String dn : List.of(request.supervisorDn(), request.agentDn())) {
            Device device = model.deviceByDn(dn).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND, "no device has DN " + dn));
            checkControl(session, device.name());
        }
        boolean allowed = model.config().applicationUsers().stream().filter(a -> a.id().equals(session.applicationUser()))
                .anyMatch(io.tandem.ucm.config.SwitchConfig.ApplicationUser::allowCallMonitoring);
        if (!allowed) {
            throw new SwitchException(SwitchError.NOT_PERMITTED, "application user '" + session.applicationUser()
                    + "' may not monitor calls (it needs allow-call-monitoring, CUCM's Standard CTI Allow Call Monitoring)");
        }
        calls.monitor(request);
    }

    /** Reports a monitoring event to every link that controls the supervisor's or the agent's device. */
    public void monitorEvent(SwitchEvent.MonitorChanged event) {
        changes.incrementAndGet();
        String agentDevice = model.deviceByDn(event.agentDn()).map(Device::name).orElse(null);
        sessions.values().stream().filter(s -> s.controls(event.device()) || agentDevice != null && s.controls(agentDevice))
                .forEach(s -> s.deliver(event));
    }

    /** Reports a recording event to every link that controls the recorded party's device. */
    public void recordingEvent(SwitchEvent.RecordingChanged event) {
        changes.incrementAndGet();
        sessions.values().stream().filter(s -> s.controls(event.device())).forEach(s -> s.deliver(event));
    }

    @Override
    public void routeCallback(LinkSession session, String dn, boolean register) {
        Device device = model.deviceByDn(dn).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND, "no device has DN " + dn));
        checkControl(session, device.name());
        if (!register) {
            model.unregisterRouteCallback(session.linkId(), dn);
            return;
        }
        boolean already = session.linkId().equals(model.routeCallback(dn));
        model.registerRouteCallback(session.linkId(), dn);
        if (!already) {
            LOG.info("link {} registered the route callback of route point {}", session.linkId(), dn);
            calls.routeCallbackRegistered(dn);
        }
    }

    @Override
    public long call(LinkSession session, io.tandem.switchlink.CallRequest request) {
        Device device = model.deviceByDn(request.dn()).orElseThrow(() -> new SwitchException(SwitchError.DEVICE_NOT_FOUND,
                "no device has DN " + request.dn()));
        checkControl(session, device.name());
        boolean routeVerb = request.verb() == io.tandem.switchlink.CallRequest.Verb.SELECT_ROUTE
                || request.verb() == io.tandem.switchlink.CallRequest.Verb.END_ROUTE;
        if (routeVerb && !session.linkId().equals(model.routeCallback(request.dn()))) {
            throw new SwitchException(SwitchError.INVALID_STATE, "link " + session.linkId() + " has no route callback registered on "
                    + request.dn() + "; register one first");
        }
        return calls.perform(request);
    }

    /** Reports a call event to every link that controls its device (call-cleared notices go to every link). */
    public void callEvent(SwitchEvent.CallEvent event) {
        changes.incrementAndGet();
        sessions.values().stream().filter(s -> event.device() == null || s.controls(event.device())).forEach(s -> s.deliver(event));
    }

    @Override
    public void claimPrimary(LinkSession session) {
        requireOpen(session);
        String holder = primaryHolders.putIfAbsent(session.applicationUser(), session.linkId());
        if (holder != null && !holder.equals(session.linkId())) {
            throw new SwitchException(SwitchError.PRIMARY_HELD, "the primary role of application user '" + session.applicationUser()
                    + "' is held by " + holder);
        }
        if (holder == null) {
            LOG.info("switch link {} of '{}' holds the primary role", session.linkId(), session.applicationUser());
        }
    }

    @Override
    public void releasePrimary(LinkSession session) {
        requireOpen(session);
        if (primaryHolders.remove(session.applicationUser(), session.linkId())) {
            LOG.info("switch link {} of '{}' gave up the primary role", session.linkId(), session.applicationUser());
        }
        model.clearActiveSetBy(session.linkId());
        model.dropRouteCallbacks(session.linkId());
    }

    /** The link holding the primary role of {@code applicationUser}, if any. */
    public java.util.Optional<String> primaryHolder(String applicationUser) {
        return java.util.Optional.ofNullable(primaryHolders.get(applicationUser));
    }

    private static void requireOpen(LinkSession session) {
        if (!session.isOpen()) {
            throw new SwitchException(SwitchError.LINK_DOWN, "link " + session.linkId() + " is closed");
        }
    }

    private void checkControl(LinkSession session, String device) {
        if (!session.isOpen()) {
            throw new SwitchException(SwitchError.LINK_DOWN, "link " + session.linkId() + " is closed");
        }
        String holder = primaryHolders.get(session.applicationUser());
        if (holder != null && !holder.equals(session.linkId())) {
            throw new SwitchException(SwitchError.PRIMARY_HELD, "link " + session.linkId() + " is not the primary of application user '"
                    + session.applicationUser() + "' (" + holder + " is); it cannot act on the switch");
        }
        model.require(device);
        if (!session.controls(device)) {
            throw new SwitchException(SwitchError.DEVICE_NOT_CONTROLLED, "device " + device
                    + " is not in the controlled-device list of application user '" + session.applicationUser() + "'");
        }
    }

    @Override
    public void close(LinkSession session, String reason) {
        if (sessions.remove(session.linkId()) == null) {
            return;
        }
        session.markClosed();
        LOG.info("switch link {} of '{}' closed: {}", session.linkId(), session.applicationUser(), reason);
        if (primaryHolders.remove(session.applicationUser(), session.linkId())) {
            LOG.info("the primary role of '{}' is free: its holder's link closed", session.applicationUser());
        }
        model.clearActiveSetBy(session.linkId());
        model.dropRouteCallbacks(session.linkId());
        session.deliverClosed(reason);
    }

    /** Closes every link (switch shutdown). Called on the switch thread. */
    /** The application users' controlled profiles changed (a run-time change): open links follow. Switch thread. */
    public void controlledProfilesChanged(java.util.List<io.tandem.ucm.config.SwitchConfig.ApplicationUser> applicationUsers) {
        for (LinkSession session : sessions.values()) {
            applicationUsers.stream().filter(a -> a.id().equals(session.applicationUser())).findFirst()
                    .ifPresent(a -> session.setControlledProfiles(Set.copyOf(a.controlledProfiles())));
        }
        changes.incrementAndGet();
    }

    /**
     * Device {@code name} was added or removed at run time, and the application users' controlled devices are
     * now {@code applicationUsers}': links that gain it get {@code DeviceAdded} with its snapshot, links that
     * lose it {@code DeviceRemoved}. Switch thread.
     */
    public void deviceControlChanged(String name, java.util.List<io.tandem.ucm.config.SwitchConfig.ApplicationUser> applicationUsers) {
        for (LinkSession session : sessions.values()) {
            boolean before = session.controls(name);
            applicationUsers.stream().filter(a -> a.id().equals(session.applicationUser())).findFirst()
                    .ifPresent(a -> session.setControlledDevices(Set.copyOf(a.controlledDevices())));
            boolean after = session.controls(name) && model.device(name).isPresent();
            if (after && !before) {
                session.deliver(new SwitchEvent.DeviceAdded(model.snapshotFor(model.device(name).get(), session.linkId())));
            } else if (before && !after) {
                session.deliver(new SwitchEvent.DeviceRemoved(name));
            }
        }
        changes.incrementAndGet();
    }

    /** A number that grows with every change of a device or a call (the web console's live feed). Any thread. */
    public long changes() {
        return changes.get();
    }

    public void closeAll(String reason) {
        sessions().forEach(s -> close(s, reason));
    }

    @Override
    public void serviceChanged(Device device) {
        changes.incrementAndGet();
        SwitchEvent event = new SwitchEvent.DeviceServiceChanged(device.name(), device.inService());
        sessions.values().stream().filter(s -> s.controls(device.name())).forEach(s -> s.deliver(event));
    }

    @Override
    public void linesChanged(Device device, String previousProfile) {
        changes.incrementAndGet();
        for (LinkSession s : sessions.values()) {
            boolean now = s.controls(device.name());
            if (now || s.controlledThrough(device.name(), previousProfile)) {
                s.deliver(new SwitchEvent.DeviceLinesChanged(device.name(), device.lines(), device.inService(), device.loggedInUser(),
                        device.profile(), now, model.doNotDisturb(device), model.forwardAll(device.lines())));
            }
        }
    }

    @Override
    public void remoteDestinationsChanged(Device device) {
        changes.incrementAndGet();
        sessions.values().stream().filter(s -> s.controls(device.name())).forEach(s -> s.deliver(s.remoteDestinationEvent(device)));
    }
}
