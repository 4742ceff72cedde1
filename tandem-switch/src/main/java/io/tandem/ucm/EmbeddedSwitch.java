package io.tandem.ucm;

import io.tandem.common.db.Database;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.SwitchLinkListener;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigChange;
import io.tandem.ucm.link.LinkRegistry;
import io.tandem.ucm.model.CallModel;
import io.tandem.ucm.model.CallView;
import io.tandem.ucm.model.Device;
import io.tandem.ucm.model.SwitchModel;
import io.tandem.ucm.store.StoredSwitch;
import io.tandem.ucm.store.SwitchStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded CUCM switch. All its state lives on one thread ("ucm-switch"); every public method hands
 * its work to that thread and returns a future.
 */
public final class EmbeddedSwitch implements SwitchConnector, io.tandem.ucm.em.EmHost, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSwitch.class);

    /** Tasks that may wait for the switch thread before requests from HTTP (control API, EM API) are refused. */
    public static final int CAPACITY = 100_000;

    private final io.tandem.common.concurrent.OwnerThread thread;
    private final SwitchModel model;
    private final CallModel calls;
    private final LinkRegistry links;

    private final io.tandem.ucm.em.ExtensionMobility em;
    private final SwitchStore store;
    private final java.time.Clock clock;
    private final io.tandem.ucm.store.SwitchWriter writer;
    /** The configuration in effect: the file's plus the run-time changes. Switch thread. */
    private SwitchConfig config;

    private EmbeddedSwitch(io.tandem.common.concurrent.OwnerThread thread, SwitchModel model, io.tandem.ucm.em.ExtensionMobility em,
            SwitchStore store, io.tandem.ucm.store.SwitchWriter writer, java.time.Clock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.config = model.config();
        this.thread = thread;
        this.model = model;
        this.em = em;
        this.calls = new CallModel(model, java.util.Set.copyOf(model.config().autoAnswer()));
        calls.setTimers((delay, task) -> thread.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a call timer failed: {}", e.toString(), e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS));
        this.links = new LinkRegistry(model, calls, thread, this::committed);
    }

    /**
     * Imports {@code config} into {@code database} and starts the switch from what the database then holds
     * (configuration plus the run-time state kept from earlier runs).
     */
    public static EmbeddedSwitch start(SwitchConfig config, Database database) {
        return start(config, database, java.time.Clock.systemUTC());
    }

    /** As {@link #start(SwitchConfig, Database)}, with {@code clock} for Extension Mobility login times. */
    public static EmbeddedSwitch start(SwitchConfig config, Database database, java.time.Clock clock) {
        SwitchStore store = new SwitchStore(database);
        io.tandem.ucm.store.SwitchJournal journal = io.tandem.ucm.store.SwitchJournal.of(database);
        if (journal != null) {
            journal.replayInto(database); // what the switch confirmed before it was killed, before the configuration is applied
        }
        store.importConfig(store.withChanges(config));
        StoredSwitch stored = store.load();
        SwitchModel model = new SwitchModel(stored.config(), stored.addedDestinations(), stored.serviceStates(), stored.diversions(), store);
        io.tandem.ucm.em.ExtensionMobility em = new io.tandem.ucm.em.ExtensionMobility(stored.config(), store.logins(),
                store.lastLogins(), store, clock);
        for (String phone : em.managedPhones()) {
            applyConfiguration(model, em.configuration(phone));
        }

        io.tandem.common.concurrent.OwnerThread thread = new io.tandem.common.concurrent.OwnerThread("ucm-switch", CAPACITY);
        LOG.info("embedded switch started: {} devices, {} application users", stored.config().devices().size(),
                stored.config().applicationUsers().size());
        io.tandem.ucm.store.SwitchWriter writer = new io.tandem.ucm.store.SwitchWriter(database, journal, thread);
        store.writeWith(writer);
        EmbeddedSwitch sw = new EmbeddedSwitch(thread, model, em, store, writer, clock);
        em.setListener(c -> { // the phone restarts: its calls are released, then it comes back with its new lines
            sw.calls.resetDevice(c.device());
            applyConfiguration(model, c);
        });
        thread.scheduleWithFixedDelay(sw::expireLogins, 0, 1, TimeUnit.SECONDS);
        return sw;
    }

    private static void applyConfiguration(SwitchModel model, io.tandem.ucm.em.PhoneConfiguration c) {
        model.setPhoneLines(c.device(), c.lines(), c.userId(), c.userId() == null ? null : c.profile());
    }

    /** Ends Extension Mobility logins whose time is up; runs every second on the switch thread. */
    private void expireLogins() {
        try {
            em.expire().forEach(l -> LOG.info("automatic logout of '{}' from {}", l.userId(), l.device()));
        } catch (RuntimeException e) {
            LOG.warn("automatic logout failed: {}", e.toString());
        }
    }

    /** The switch thread's scheduler, for work that must wait (for example a phone's reset time). */
    @Override
    public java.util.concurrent.ScheduledExecutorService scheduler() {
        return thread;
    }

    @Override
    public CompletableFuture<SwitchLink> open(LinkCredentials credentials, SwitchLinkListener listener) {
        return links.open(credentials.applicationUser(), credentials.password(), listener).thenApply(s -> (SwitchLink) s);
    }

    @Override
    public String describe() {
        return "embedded switch";
    }

    /** The registry of open links (used by the TCP link server). */
    public LinkRegistry links() {
        return links;
    }

    /** Every device, for the control API. */
    public CompletableFuture<List<DeviceView>> devices() {
        return call(() -> model.devices().stream().map(d -> DeviceView.of(model, d)).toList());
    }

    /** One device, for the control API. */
    public CompletableFuture<DeviceView> device(String name) {
        return call(() -> DeviceView.of(model, model.require(name)));
    }

    /** Puts a device in or out of service (simulates registration loss or a CTI Manager failure). */
    public CompletableFuture<DeviceView> setInService(String device, boolean inService) {
        return call(() -> {
            model.setInService(device, inService);
            return DeviceView.of(model, model.require(device));
        });
    }

    /** The phone's user presses the DND key: Do Not Disturb on or off, reported to the links that control the device. */
    public CompletableFuture<DeviceView> setDoNotDisturb(String device, boolean on) {
        return call(() -> {
            model.setDoNotDisturb(device, on);
            return DeviceView.of(model, model.require(device));
        });
    }

    /** The monitoring sessions, for the control API. */
    public CompletableFuture<List<CallModel.MonitoringView>> monitorings() {
        return call(calls::monitorings);
    }

    /** The recordings running now, for the control API. */
    public CompletableFuture<List<io.tandem.ucm.model.Recordings.Session>> recordings() {
        return call(() -> calls.recordings().active());
    }

    /** Every route point, with its route callback and the calls waiting there, for the control API. */
    public CompletableFuture<List<RoutePointView>> routePoints() {
        return call(() -> model.devices().stream().filter(d -> d.type() == io.tandem.switchlink.DeviceType.ROUTE_POINT)
                .flatMap(d -> d.lines().stream().map(dn -> new RoutePointView(d.name(), dn, model.routeCallback(dn),
                        d.selectRouteTime().toSeconds(), model.forwardNoAnswer(dn), model.forwardBusy(dn), calls.waitingAt(dn))))
                .toList());
    }

    /** A network party {@code from} calls {@code to}. */
    public CompletableFuture<CallView> placeCall(String from, String to) {
        return call(() -> calls.placeFromNetwork(from, to));
    }

    /** The party {@code at} (a network number or a phone DN) answers. */
    public CompletableFuture<CallView> answer(String at) {
        return call(() -> calls.answerAt(at));
    }

    /** The party {@code at} hangs up. */
    public CompletableFuture<CallView> hangUp(String at) {
        return call(() -> calls.hangUpAt(at));
    }

    /** The live calls. */
    public CompletableFuture<List<CallView>> calls() {
        return call(calls::live);
    }

    /**
     * Runs {@code work} on the switch thread with Extension Mobility (the EM API and the control API use this;
     * every EM operation is one task, so it is never half-applied).
     */
    @Override
    public <T> CompletableFuture<T> withExtensionMobility(java.util.function.Function<io.tandem.ucm.em.ExtensionMobility, T> work) {
        return call(() -> work.apply(em));
    }

    /** A sentence saying what {@code change} did. */
    private static String done(SwitchConfigChange change) {
        if (change instanceof SwitchConfigChange.AddRemoteDestination a) {
            return "remote destination " + a.number() + " added to " + a.device();
        } else if (change instanceof SwitchConfigChange.RemoveRemoteDestination r) {
            return "remote destination " + r.number() + " removed from " + r.device();
        } else if (change instanceof SwitchConfigChange.AddEndUser a) {
            return "end user " + a.user().id() + " added";
        } else if (change instanceof SwitchConfigChange.RemoveEndUser r) {
            return "end user " + r.id() + " removed";
        } else if (change instanceof SwitchConfigChange.AddDeviceProfile a) {
            return "device profile " + a.profile().name() + " added";
        } else if (change instanceof SwitchConfigChange.RemoveDeviceProfile r) {
            return "device profile " + r.name() + " removed";
        } else if (change instanceof SwitchConfigChange.AddDevice a) {
            return "device " + a.device().name() + " added";
        }
        return "device " + ((SwitchConfigChange.RemoveDevice) change).name() + " removed";
    }

    /** Whether {@code applicationUser} exists with {@code password} (the control API's authentication). */
    public CompletableFuture<Boolean> checkApplicationUser(String applicationUser, String password) {
        return call(() -> {
            try {
                model.authenticate(applicationUser, password);
                return true;
            } catch (io.tandem.switchlink.SwitchException e) {
                return false;
            }
        });
    }

    /** The open links. */
    public CompletableFuture<List<LinkView>> openLinks() {
        return call(() -> links.sessions().stream().map(s -> new LinkView(s.linkId(), s.applicationUser())).toList());
    }

    /**
     * Makes {@code change} at run time: the running switch applies it (with the same checks as ever: dial
     * plan, duplicates, limits, logins in the way), then it is recorded so that it is applied over the
     * configuration file at every start. A change that cannot be recorded is undone. Completes with a sentence
     * saying what changed (the changed device, user or profile can be read with the usual queries).
     */
    public CompletableFuture<String> changeConfiguration(SwitchConfigChange change) {
        return call(() -> {
            SwitchConfig previous = config;
            SwitchConfig next = change.applyTo(previous);
            Runnable undo = applyLive(change, previous, next);
            store.recordChange(change, clock.millis(), () -> {
                if (config == next) {
                    undo.run();
                    config = previous;
                }
            });
            config = next;
            LOG.info("configuration changed at run time: {}", change);
            return done(change);
        });
    }

    /** Applies {@code change} to the running switch; returns how to take it back. */
    private Runnable applyLive(SwitchConfigChange change, SwitchConfig previous, SwitchConfig next) {
        if (change instanceof SwitchConfigChange.AddRemoteDestination add) {
            model.addRemoteDestination(null, add.device(), add.name(), add.number(), false);
            return () -> model.removeRemoteDestination(add.device(), add.number());
        }
        if (change instanceof SwitchConfigChange.RemoveRemoteDestination remove) {
            String name = DeviceView.of(model, model.require(remove.device())).remoteDestinations().stream()
                    .filter(rd -> rd.number().equals(remove.number())).map(io.tandem.switchlink.RemoteDestination::name).findFirst()
                    .orElse(null);
            model.removeRemoteDestination(remove.device(), remove.number());
            return () -> model.addRemoteDestination(null, remove.device(), name, remove.number(), false);
        }
        if (change instanceof SwitchConfigChange.AddDevice add) {
            SwitchConfig.Device d = add.device();
            em.reconfigure(next);
            try {
                model.addDevice(d);
            } catch (RuntimeException e) {
                em.reconfigure(previous);
                throw e;
            }
            model.reconfigure(next);
            links.deviceControlChanged(d.name(), next.applicationUsers());
            return () -> {
                model.removeDevice(d.name());
                reconfigure(previous);
                links.deviceControlChanged(d.name(), previous.applicationUsers());
            };
        }
        if (change instanceof SwitchConfigChange.RemoveDevice remove) {
            boolean onCall = calls.live().stream().anyMatch(c -> c.parties().stream().anyMatch(p -> remove.name().equals(p.device())));
            if (onCall) {
                throw new IllegalArgumentException("device " + remove.name() + " is on a call; hang up first");
            }
            SwitchConfig.Device d = previous.devices().stream().filter(x -> x.name().equals(remove.name())).findFirst().orElseThrow();
            em.reconfigure(next);
            model.removeDevice(remove.name());
            model.reconfigure(next);
            links.deviceControlChanged(remove.name(), next.applicationUsers());
            return () -> {
                model.addDevice(d);
                reconfigure(previous);
                links.deviceControlChanged(d.name(), previous.applicationUsers());
            };
        }
        reconfigure(next);
        return () -> reconfigure(previous);
    }

    /** Users, application users and device profiles from {@code next}, everywhere they are used. */
    private void reconfigure(SwitchConfig next) {
        em.reconfigure(next);
        model.reconfigure(next);
        links.controlledProfilesChanged(next.applicationUsers());
    }

    private <T> CompletableFuture<T> call(Supplier<T> work) {
        return thread.admit(() -> {
            Object[] result = new Object[1];
            CompletableFuture<Void> written = committed(() -> result[0] = work.get());
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return written.isDone() ? written.thenApply(v -> value) : written.handleAsync((v, e) -> {
                if (e != null) {
                    throw e instanceof java.util.concurrent.CompletionException c ? c : new java.util.concurrent.CompletionException(e);
                }
                return value;
            }, thread);
        }).thenCompose(f -> f);
    }

    /**
     * Runs {@code action} on the switch thread; completes when the changes it made are written (at once when it made
     * none). Refused while the writer is {@link io.tandem.ucm.store.SwitchWriter#CAPACITY} changes behind.
     */
    private CompletableFuture<Void> committed(Runnable action) {
        if (writer.full()) {
            throw new io.tandem.switchlink.SwitchException(io.tandem.switchlink.SwitchError.INTERNAL, "the switch has "
                    + writer.depth() + " changes waiting to be written to its database; try again");
        }
        return writer.collect(action);
    }

    /** Changes waiting to be written to the database (a gauge). */
    public int unwrittenChanges() {
        return writer.depth();
    }

    /** Changes that could not be written and were taken back since the start. */
    public long failedWrites() {
        return writer.failed();
    }

    /** Tasks waiting for the switch thread (a gauge). */
    public int queuedTasks() {
        return thread.queued();
    }

    /** Requests refused because the switch thread had {@link #CAPACITY} tasks waiting, since the start. */
    public long refusedTasks() {
        return thread.refused();
    }

    /** Registers the switch's gauges in {@code registry}: its queue, its writer, the refusals. */
    public void registerMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder("tandem.switch.queued.tasks", this::queuedTasks)
                .description("tasks waiting for the switch thread; above " + CAPACITY + " requests are refused").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tandem.switch.refused.tasks", this, EmbeddedSwitch::refusedTasks)
                .description("requests refused because the switch thread's queue was full").register(registry);
        io.micrometer.core.instrument.Gauge.builder("tandem.switch.changes.unwritten", this::unwrittenChanges)
                .description("run-time changes of the switch not yet committed to its database").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tandem.switch.writes.failed", this, EmbeddedSwitch::failedWrites)
                .description("changes the switch could not write and took back").register(registry);
    }

    /** Closes every link and stops the switch thread. */
    @Override
    public void close() {
        try {
            CompletableFuture.runAsync(() -> links.closeAll("switch shut down"), thread).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing links failed: {}", e.toString());
        }
        thread.shutdown();
        writer.close();
    }

    /**
     * A device as the control API shows it.
     *
     * @param name the device name
     * @param type the type
     * @param owner the owner user ID, or null
     * @param lines the directory numbers
     * @param inService whether it is in service
     * @param remoteDestinations its remote destinations
     * @param activeSetBy the link that set the active remote destination, or null
     * @param dnd whether Do Not Disturb is in effect
     * @param dndOption what Do Not Disturb does to callers ({@code ringer-off} or {@code call-reject})
     * @param forwardAll the Call Forward All destination of each line that has one
     */
    public record DeviceView(String name, String type, String owner, List<String> lines, boolean inService,
            List<io.tandem.switchlink.RemoteDestination> remoteDestinations, String activeSetBy, boolean dnd, String dndOption,
            java.util.Map<String, String> forwardAll) {
        static DeviceView of(SwitchModel model, Device d) {
            return new DeviceView(d.name(), d.type().configName(), d.owner(), d.lines(), d.inService(), d.remoteDestinations(),
                    d.activeSetBy(), model.doNotDisturb(d), d.dndOption().configName(), model.forwardAll(d.lines()));
        }
    }

    /**
     * A route point.
     *
     * @param device the route point device
     * @param dn its directory number
     * @param routeCallback the link whose route callback is registered there, or null (calls then follow the forwards)
     * @param selectRouteSeconds how long a call waits there for a route
     * @param forwardNoAnswer where calls go when the select-route timer expires, or with no callback registered; or null
     * @param forwardBusy where calls go with no callback registered and no Forward No Answer; or null
     * @param waiting the calls waiting there for a route, oldest first
     */
    public record RoutePointView(String device, String dn, String routeCallback, long selectRouteSeconds, String forwardNoAnswer,
            String forwardBusy, List<CallView> waiting) {
    }

    /**
     * An open link.
     *
     * @param linkId the link ID
     * @param applicationUser the application user it was opened as
     */
    public record LinkView(String linkId, String applicationUser) {
    }
}
