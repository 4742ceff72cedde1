package io.tandem.server.extend;

import io.tandem.server.core.ClientSession;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.ha.ReplicatedPart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who controls which remote terminal, replicated to the backup (the part "terminals"): what only the primary knows
 * about each extended terminal (the REMOTE_DEST and REMOTE_NAME its controller asked for, the controller's stable
 * identity, whether the server added the destination). Every DN state report offers the DN here; only real changes are
 * published. On takeover, for every mirrored terminal the same client (by its identity) registered on the DN here gets
 * the terminal extended again to the same destination and name. The backup keeps its record of added destinations
 * ({@link AddedDestinations}) in step with the mirror, so that a takeover writes nothing there. Core thread only.
 */
public final class ControlReplica extends ReplicatedPart<TerminalControl, ControlReplica.Change> {

    private static final Logger LOG = LoggerFactory.getLogger(ControlReplica.class);

    /**
     * One change of a terminal's control.
     *
     * @param dn the terminal's DN
     * @param control its control now, or null when no client controls it any more
     */
    public record Change(String dn, TerminalControl control) {
    }

    private final Map<String, TerminalControl> controls = new LinkedHashMap<>();
    private final Map<String, TerminalControl> mirror = new LinkedHashMap<>();
    private final DnDirectory directory;
    private final Supplier<Collection<ClientSession>> sessions;
    private final Registrations registrations;
    private final ExtendAndConnect extendAndConnect;
    private final AddedDestinations added;
    private final Executor coreThread;

    private final int chunk;
    /** How many chunks of a takeover are smaller than the rest ({@link #chunkAt}). */
    static final int RAMP_CHUNKS = 4;

    /**
     * The control of the terminals in {@code directory}, taken over with {@code extendAndConnect} for the registered
     * clients, {@code chunk} terminals per task on {@code coreThread} (the next ones are queued behind what arrived
     * meanwhile, the switch's first answers, so the first terminals are back in service while the last are still being
     * sent); a backup records in {@code added} the destinations the primary added, as it mirrors them.
     */
    public ControlReplica(DnDirectory directory, Supplier<Collection<ClientSession>> sessions, Registrations registrations,
            ExtendAndConnect extendAndConnect, AddedDestinations added, Executor coreThread, int chunk) {
        super("terminals", TerminalControl.class, Change.class);
        this.directory = directory;
        this.sessions = sessions;
        this.registrations = registrations;
        this.extendAndConnect = extendAndConnect;
        this.added = added;
        this.coreThread = coreThread;
        this.chunk = chunk;
    }

    /** Records {@code dn}'s control as it is now (after its state was reported) and publishes it if it changed. */
    public void offer(DirectoryNumber dn) {
        if (dn.terminal() == null) {
            return;
        }
        TerminalControl now = TerminalControl.of(dn).orElse(null);
        if (Objects.equals(controls.get(dn.number()), now)) {
            return;
        }
        if (now == null) {
            controls.remove(dn.number());
        } else {
            controls.put(dn.number(), now);
        }
        publish(new Change(dn.number(), now));
    }

    @Override
    public List<TerminalControl> snapshot() {
        return List.copyOf(controls.values());
    }

    @Override
    public int size() {
        return controls.size();
    }

    @Override
    public void replaceMirror(List<TerminalControl> items) {
        mirror.clear();
        items.forEach(t -> {
            mirror.put(t.dn(), t);
            recordAdded(null, t);
        });
    }

    @Override
    public void applyToMirror(Change change) {
        TerminalControl before = change.control() == null ? mirror.remove(change.dn()) : mirror.put(change.dn(), change.control());
        recordAdded(before, change.control());
    }

    /**
     * Keeps this server's record of added destinations in step with the primary's, from one mirrored change: a destination
     * the primary added is recorded as the change arrives (so a takeover has nothing to write), and forgotten when the
     * primary no longer uses it. An entry the primary kept after a failed removal is forgotten here; the reconciliation
     * at the next start covers only what is recorded (docs/high-availability.md).
     */
    private void recordAdded(TerminalControl before, TerminalControl after) {
        boolean same = before != null && after != null && before.addedByServer() == after.addedByServer()
                && before.remoteDest().equals(after.remoteDest());
        if (same) {
            return;
        }
        String dn = before != null ? before.dn() : after.dn();
        Optional<String> device = directory.find(dn).map(DirectoryNumber::terminal).map(t -> t.device());
        if (device.isEmpty()) {
            return;
        }
        if (before != null && before.addedByServer()) {
            added.removed(device.get(), before.remoteDest());
        }
        if (after != null && after.addedByServer()) {
            added.adding(device.get(), after.remoteDest());
        }
    }

    @Override
    public int mirrored() {
        return mirror.size();
    }

    /** Whether the mirror of the primary's control has {@code dn}: a takeover sets it active again. */
    public boolean isMirrored(String dn) {
        return mirror.containsKey(dn);
    }

    /** The mirror of the primary's control, in the order control was first taken there. */
    public List<TerminalControl> mirror() {
        return List.copyOf(mirror.values());
    }

    /**
     * Sets every mirrored terminal active again for the same client, {@code chunk} terminals per core task and per switch
     * request ({@link ExtendAndConnect#resume(List)}), the first few chunks smaller ({@link #chunkAt}). A
     * terminal that a client acted on here since the takeover began (it has a controller or work queued) keeps the
     * client's choice: the mirror is older than the request.
     */
    @Override
    public CompletableFuture<String> takeOver() {
        List<TerminalControl> mirrored = mirror();
        Map<String, List<ClientSession>> byIdentity = new java.util.HashMap<>();
        for (ClientSession session : sessions.get()) {
            byIdentity.computeIfAbsent(session.clientIdentity(), k -> new ArrayList<>()).add(session);
        }
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        resumeFrom(0, 0, mirrored, byIdentity, results, sent);
        return sent.thenCompose(v -> CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)))
                .thenApply(v -> results.stream().filter(CompletableFuture::join).count() + " of " + mirrored.size()
                        + " remote terminals extended again");
    }

    /**
     * The size of the {@code index}-th chunk of a takeover whose chunks are {@code chunk} terminals: the first is a
     * sixteenth of it, and each next one twice the one before until {@code chunk} (250: 15, 31, 62, 125, 250, 250…). The
     * first terminals are back sooner: a chunk's terminals are back when its switch request is answered, and the
     * takeover's code (the bulk request on the backup's switch link and on the switch) runs for the first time on
     * those first chunks, before the JIT has compiled it.
     */
    static int chunkAt(int index, int chunk) {
        return Math.min(chunk, Math.max(1, chunk >> Math.max(0, RAMP_CHUNKS - index)));
    }

    private void resumeFrom(int index, int from, List<TerminalControl> mirrored, Map<String, List<ClientSession>> byIdentity,
            List<CompletableFuture<Boolean>> results, CompletableFuture<Void> sent) {
        int to = Math.min(from + chunkAt(index, chunk), mirrored.size());
        List<ExtendAndConnect.Resumption> resumptions = new ArrayList<>();
        for (TerminalControl control : mirrored.subList(from, to)) {
            resumption(control, byIdentity).ifPresent(resumptions::add);
        }
        results.addAll(extendAndConnect.resume(resumptions));
        if (to < mirrored.size()) {
            coreThread.execute(() -> resumeFrom(index + 1, to, mirrored, byIdentity, results, sent));
        } else {
            sent.complete(null);
        }
    }

    private Optional<ExtendAndConnect.Resumption> resumption(TerminalControl control, Map<String, List<ClientSession>> byIdentity) {
        Optional<DirectoryNumber> dn = directory.find(control.dn()).filter(d -> d.terminal() != null);
        Optional<ClientSession> controller = controllerOf(control, byIdentity);
        if (dn.isEmpty() || controller.isEmpty()) {
            LOG.warn("switchover: {} not re-activated: {}", control.dn(), dn.isEmpty() ? "not a remote terminal here"
                    : "no client '" + control.controller() + "' is registered on it here");
            return Optional.empty();
        }
        if (dn.get().terminal().controller() != null || dn.get().terminal().hasWork()) {
            LOG.info("switchover: {} not re-activated to {}: a client acted on it here since the takeover began", control.dn(),
                    control.remoteDest());
            return Optional.empty();
        }
        return Optional.of(new ExtendAndConnect.Resumption(controller.get(), dn.get(), control.remoteDest(), control.remoteName(),
                control.addedByServer()));
    }

    /** The first session (in {@code sessions} order) with the controller's identity that is registered on the DN. */
    private Optional<ClientSession> controllerOf(TerminalControl control, Map<String, List<ClientSession>> byIdentity) {
        return byIdentity.getOrDefault(control.controller(), List.of()).stream()
                .filter(s -> registrations.isRegistered(s, control.dn()))
                .findFirst();
    }
}
