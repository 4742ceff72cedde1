package io.tandem.server.extend;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.ErrorMapping;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.RemoteTerminal;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.server.dn.TerminalOperation;
import io.tandem.switchlink.ActiveDestination;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.VerbOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates and deactivates remote destinations for clients, following the T-Server rules: the last client
 * to activate controls the terminal; only the controller deactivates (by unregistering or disconnecting);
 * a failed activation leaves the previous state and answers EventHardwareError. Remote destinations this
 * server added are removed again when they stop being active, so they do not use up the owner's limit.
 * Core thread only; switch answers come back through {@code coreThread}.
 */
public final class ExtendAndConnect {

    private static final Logger LOG = LoggerFactory.getLogger(ExtendAndConnect.class);

    /** A controller to restore after the switch link comes back. */
    public record Restore(DirectoryNumber dn, ClientSession controller, String destination, String name) {
    }

    private final Supplier<Optional<SwitchLink>> link;
    private final BooleanSupplier actsOnSwitch;
    private final BooleanSupplier roleUnsettled;
    private final List<Held> held = new ArrayList<>();
    private final Executor coreThread;
    private final EventSender sender;
    private final Registrations registrations;
    private final ServiceReporter reporter;
    private final AddedDestinations added;
    /** Whether the destinations a previous run left behind were removed (once per process). */
    private boolean reconciled;

    /**
     * The service, using the current {@code link} and answering on {@code coreThread}; while
     * {@code actsOnSwitch} is false (a backup server) activations are not sent to the switch, and while
     * {@code roleUnsettled} is true too (a server of a pair waiting for the switch to confirm it as primary)
     * they are held until {@link #roleSettled}.
     */
    public ExtendAndConnect(Supplier<Optional<SwitchLink>> link, BooleanSupplier actsOnSwitch, BooleanSupplier roleUnsettled,
            Executor coreThread, EventSender sender, Registrations registrations, ServiceReporter reporter, AddedDestinations added) {
        this.added = added;
        this.link = link;
        this.actsOnSwitch = actsOnSwitch;
        this.roleUnsettled = roleUnsettled;
        this.coreThread = coreThread;
        this.sender = sender;
        this.registrations = registrations;
        this.reporter = reporter;
    }

    /**
     * {@code client} asks to extend {@code dn} to {@code destination} named {@code name}; the result completes
     * with whether the terminal ended up extended for it.
     */
    public CompletableFuture<Boolean> activate(ClientSession client, DirectoryNumber dn, String destination, String name, Long referenceId) {
        return activate(client, dn, destination, name, referenceId, false);
    }

    private CompletableFuture<Boolean> activate(ClientSession client, DirectoryNumber dn, String destination, String name, Long referenceId,
            boolean restoring) {
        if (!actsOnSwitch.getAsBoolean()) {
            if (roleUnsettled.getAsBoolean()) {
                LOG.debug("holding the activation of {} for {} until the switch settles this server's role", dn.number(), client);
                Held wait = new Held(client, dn, destination, name, referenceId, new CompletableFuture<>());
                held.add(wait);
                return wait.done();
            }
            LOG.debug("backup: not extending {} to {} for {}; the primary does, and this server follows the switch", dn.number(),
                    destination, client);
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        dn.terminal().enqueue(new TerminalOperation.Activate(client, destination, name, referenceId, restoring, done));
        pump(dn);
        return done;
    }

    /**
     * The switch settled this server's role: as primary, the activations held meanwhile are carried out for
     * the clients still registered; as backup they are dropped (the primary acts, this server follows).
     */
    public void roleSettled(boolean primary) {
        if (held.isEmpty()) {
            return;
        }
        List<Held> waiting = new ArrayList<>(held);
        held.clear();
        LOG.info("role settled as {}: {} held activations {}", primary ? "primary" : "backup", waiting.size(),
                primary ? "carried out" : "dropped");
        for (Held h : waiting) {
            if (primary && registrations.isRegistered(h.client(), h.dn().number())) {
                activate(h.client(), h.dn(), h.destination(), h.name(), h.referenceId())
                        .whenComplete((ok, error) -> h.done().complete(error == null && ok));
            } else {
                h.done().complete(false);
            }
        }
    }

    /**
     * Once per process, at the first link-up where this server acts on the switch: removes the remote destinations a
     * previous run of this server added and left behind (a crash), unless one is active on the switch (the pair's
     * other server uses it) or its terminal has a controller or work in progress here (a takeover, an activation
     * held until the role settled). Forgets those the device no longer has.
     */
    public void reconcileAdded(List<DirectoryNumber> numbers) {
        reconcileAdded(numbers, dn -> false);
    }

    /**
     * As {@link #reconcileAdded(List)}, also keeping the destinations of the terminals {@code takenOver} names (by DN): a
     * takeover sets them active again, a few at a time, so some have no controller or work yet when the record is read.
     */
    public void reconcileAdded(List<DirectoryNumber> numbers, java.util.function.Predicate<String> takenOver) {
        if (reconciled || !actsOnSwitch.getAsBoolean() || link.get().isEmpty()) {
            return;
        }
        reconciled = true;
        SwitchLink sw = link.get().get();
        java.util.Map<String, RemoteTerminal> byDevice = new java.util.HashMap<>();
        numbers.stream().map(DirectoryNumber::terminal).filter(java.util.Objects::nonNull).forEach(t -> byDevice.put(t.device(), t));
        added.all().thenAcceptAsync(entries -> {
            for (AddedDestinations.Entry entry : entries) {
                RemoteTerminal terminal = byDevice.get(entry.device());
                if (terminal == null || !terminal.hasDestination(entry.number())) {
                    added.removed(entry.device(), entry.number());
                } else if (terminal.controller() == null && !terminal.hasWork() && !isActive(terminal, entry.number())
                        && !takenOver.test(terminal.dn())) {
                    LOG.info("removing remote destination {} of {}: added by this server before it stopped, unused", entry.number(),
                            terminal.dn());
                    sw.removeRemoteDestination(entry.device(), entry.number()).whenComplete((ok, error) -> {
                        if (error == null || SwitchException.unwrap(error).error() == SwitchError.REMOTE_DESTINATION_UNAVAILABLE) {
                            added.removed(entry.device(), entry.number());
                        }
                    });
                }
            }
        }, coreThread);
    }

    private static boolean isActive(RemoteTerminal terminal, String number) {
        return terminal.destinations().stream().anyMatch(d -> d.number().equals(number) && d.active());
    }

    /** An activation waiting for the role to be settled. */
    private record Held(ClientSession client, DirectoryNumber dn, String destination, String name, Long referenceId,
            CompletableFuture<Boolean> done) {
    }

    /**
     * A terminal the previous primary controlled, to be extended again for {@code client} after a switchover.
     *
     * @param client the controller, by its identity registered here
     * @param dn the terminal
     * @param destination the REMOTE_DEST it had
     * @param name the REMOTE_NAME it had
     * @param added whether the previous primary had added the destination (so that it is removed again at deactivation)
     */
    public record Resumption(ClientSession client, DirectoryNumber dn, String destination, String name, boolean added) {
    }

    /**
     * Takes over terminals the previous primary controlled (after a switchover): sets their destinations active again
     * through this server's link, remembering which the previous primary had added. The record of added destinations
     * already has them: the backup wrote it as it mirrored the primary ({@link ControlReplica}). The terminals whose
     * destination is only to be set active again go to the switch in one request ({@link SwitchLink#setActiveRemoteDestinations});
     * any other (a terminal with work queued meanwhile) takes the path of a single activation.
     *
     * @return for each, in order, completes with whether the terminal ended up extended for its client
     */
    public List<CompletableFuture<Boolean>> resume(List<Resumption> terminals) {
        List<CompletableFuture<Boolean>> results = new ArrayList<>(terminals.size());
        List<Started> together = new ArrayList<>();
        for (Resumption r : terminals) {
            RemoteTerminal terminal = r.dn().terminal();
            if (r.added() && terminal != null) {
                terminal.addedByServer().add(r.destination());
            }
            if (!actsOnSwitch.getAsBoolean() || terminal == null) {
                results.add(activate(r.client(), r.dn(), r.destination(), r.name(), null, true));
                continue;
            }
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            results.add(done);
            TerminalOperation.Activate op = new TerminalOperation.Activate(r.client(), r.destination(), r.name(), null, true, done);
            boolean idle = !terminal.hasWork();
            terminal.enqueue(op);
            if (idle && plainReactivation(r.dn(), op)) {
                terminal.startNext();
                together.add(new Started(r.dn(), op));
            } else {
                pump(r.dn());
            }
        }
        if (!together.isEmpty()) {
            activateTogether(together);
        }
        return results;
    }

    /** An activation started on its terminal, carried out with others in one switch request. */
    private record Started(DirectoryNumber dn, TerminalOperation.Activate op) {
    }

    /** Whether {@code op} only sets a destination the terminal has active again (no controller's destination to remove). */
    private boolean plainReactivation(DirectoryNumber dn, TerminalOperation.Activate op) {
        RemoteTerminal terminal = dn.terminal();
        return terminal.hasDestination(op.destination()) && terminal.controllerDestination() == null
                && registrations.isRegistered(op.client(), dn.number());
    }

    private void activateTogether(List<Started> started) {
        CompletableFuture<List<VerbOutcome>> outcomes;
        try {
            outcomes = requireLink().setActiveRemoteDestinations(started.stream()
                    .map(s -> new ActiveDestination(s.dn().terminal().device(), s.op().destination(), true)).toList());
        } catch (SwitchException e) {
            outcomes = CompletableFuture.failedFuture(e);
        }
        outcomes.whenCompleteAsync((list, error) -> {
            for (int i = 0; i < started.size(); i++) {
                Started s = started.get(i);
                finished(s.dn(), s.op(), error != null ? error : list.get(i).failure());
            }
        }, coreThread);
    }

    /** {@code client} unregistered from {@code dn} or disconnected; if it controls the terminal, deactivate. */
    public void released(ClientSession client, DirectoryNumber dn) {
        RemoteTerminal terminal = dn.terminal();
        if (terminal != null && terminal.controller() == client) {
            if (!actsOnSwitch.getAsBoolean()) {
                terminal.clearController();
                reporter.reconcile(dn);
                return;
            }
            terminal.enqueue(new TerminalOperation.Deactivate(client));
            pump(dn);
        }
    }

    /** The controllers to restore once the link is back, captured before the new device snapshot is applied. */
    public List<Restore> controllersToRestore(List<DirectoryNumber> dns) {
        return dns.stream().filter(dn -> dn.terminal() != null && dn.terminal().controller() != null)
                .map(dn -> new Restore(dn, dn.terminal().controller(), dn.terminal().controllerDestination(),
                        dn.terminal().controllerName()))
                .toList();
    }

    /** Sets the active destinations again after the link came back, as JTAPI does after a CTI Manager failover. */
    public void restore(List<Restore> restores) {
        List<Restore> still = restores.stream()
                .filter(r -> r.dn().terminal() != null && registrations.isRegistered(r.controller(), r.dn().number())).toList();
        if (!still.isEmpty()) {
            LOG.info("re-activating the remote destinations of {} terminals after the link came back", still.size());
        }
        for (Restore r : still) {
            LOG.debug("re-activating remote destination {} of {} for {}", r.destination(), r.dn().number(), r.controller());
            activate(r.controller(), r.dn(), r.destination(), r.name(), null, true);
        }
    }

    private void pump(DirectoryNumber dn) {
        RemoteTerminal terminal = dn.terminal();
        if (terminal == null) {
            return;
        }
        TerminalOperation op = terminal.startNext();
        if (op == null) {
            return;
        }
        CompletableFuture<Void> work;
        try {
            work = op instanceof TerminalOperation.Activate activate ? runActivate(dn, activate) : runDeactivate(dn, (TerminalOperation.Deactivate) op);
        } catch (SwitchException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenCompleteAsync((ok, error) -> finished(dn, op, error), coreThread);
    }

    private SwitchLink requireLink() {
        return link.get().orElseThrow(() -> new SwitchException(SwitchError.LINK_DOWN, "no link to the switch"));
    }

    private CompletableFuture<Void> runActivate(DirectoryNumber dn, TerminalOperation.Activate op) {
        RemoteTerminal terminal = dn.terminal();
        if (!registrations.isRegistered(op.client(), dn.number())) {
            return CompletableFuture.completedFuture(null);
        }
        SwitchLink sw = requireLink();
        String previous = terminal.controllerDestination();
        CompletableFuture<Void> activation;
        if (terminal.hasDestination(op.destination())) {
            activation = sw.setActiveRemoteDestination(terminal.device(), op.destination(), true);
        } else {
            activation = sw.addRemoteDestination(terminal.device(), op.name(), op.destination(), true)
                    .thenRunAsync(() -> {
                        terminal.addedByServer().add(op.destination());
                        added.adding(terminal.device(), op.destination()); // recorded off the activation's path
                    }, coreThread);
        }
        return activation.thenComposeAsync(ok -> {
            if (previous != null && !previous.equals(op.destination()) && terminal.addedByServer().contains(previous)) {
                return removeAddedDestination(sw, terminal, previous);
            }
            return CompletableFuture.completedFuture(null);
        }, coreThread);
    }

    private CompletableFuture<Void> runDeactivate(DirectoryNumber dn, TerminalOperation.Deactivate op) {
        RemoteTerminal terminal = dn.terminal();
        if (terminal.controller() != op.client()) {
            return CompletableFuture.completedFuture(null);
        }
        String destination = terminal.controllerDestination();
        SwitchLink sw = requireLink();
        if (terminal.addedByServer().contains(destination)) {
            return removeAddedDestination(sw, terminal, destination);
        }
        return sw.setActiveRemoteDestination(terminal.device(), destination, false);
    }

    private CompletableFuture<Void> removeAddedDestination(SwitchLink sw, RemoteTerminal terminal, String number) {
        return sw.removeRemoteDestination(terminal.device(), number).handleAsync((ok, error) -> {
            terminal.addedByServer().remove(number);
            if (error == null || SwitchException.unwrap(error).error() == SwitchError.REMOTE_DESTINATION_UNAVAILABLE) {
                added.removed(terminal.device(), number);
            }
            if (error != null) {
                LOG.warn("could not remove remote destination {} of {}: {}", number, terminal.dn(), SwitchException.unwrap(error).getMessage());
            }
            return null;
        }, coreThread);
    }

    private void finished(DirectoryNumber dn, TerminalOperation op, Throwable error) {
        RemoteTerminal terminal = dn.terminal();
        terminal.finish();
        if (op instanceof TerminalOperation.Activate activate) {
            activationFinished(dn, activate, error);
            activate.done().complete(error == null && terminal.controller() == activate.client());
        } else {
            if (error != null) {
                LOG.warn("deactivating {} failed: {}", dn.number(), SwitchException.unwrap(error).getMessage());
            }
            if (terminal.controller() == op.client()) {
                terminal.clearController();
            }
            reporter.reconcile(dn);
        }
        pump(dn);
    }

    private void activationFinished(DirectoryNumber dn, TerminalOperation.Activate op, Throwable error) {
        RemoteTerminal terminal = dn.terminal();
        boolean stillThere = registrations.isRegistered(op.client(), dn.number());
        if (error != null) {
            SwitchException failure = SwitchException.unwrap(error);
            LOG.info("extending {} to {} for {} failed: {}", dn.number(), op.destination(), op.client(), failure.getMessage());
            if (stillThere) {
                sendHardwareError(op, dn, failure);
            }
            reporter.reconcile(dn);
            return;
        }
        if (!stillThere) {
            reporter.reconcile(dn);
            return;
        }
        terminal.setController(op.client(), op.destination(), op.name());
        if (op.restoring()) {
            LOG.debug("{} extended again to {} ({}) for {}", dn.number(), op.destination(), op.name(), op.client());
        } else {
            LOG.info("{} extended to {} ({}) by {}", dn.number(), op.destination(), op.name(), op.client());
        }
        if (reporter.current(dn).inService()) {
            reporter.announce(dn, op.client(), op.referenceId());
        } else {
            reporter.reconcile(dn);
        }
    }

    private void sendHardwareError(TerminalOperation.Activate op, DirectoryNumber dn, SwitchException failure) {
        ErrorCode code = ErrorMapping.forSwitch(failure.error());
        Message event = Message.builder(MessageType.EVENT_HARDWARE_ERROR)
                .put(Attribute.THIS_DN, dn.number())
                .putIfPresent(Attribute.REFERENCE_ID, op.referenceId())
                .put(Attribute.ERROR_CODE, code.code())
                .put(Attribute.ERROR_MESSAGE, "cannot extend " + dn.number() + " to " + op.destination() + ": " + failure.getMessage())
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("SWITCH_ERROR", failure.error().name(),
                        "REMOTE_DEST", op.destination()))
                .build();
        sender.send(op.client(), event);
    }
}
