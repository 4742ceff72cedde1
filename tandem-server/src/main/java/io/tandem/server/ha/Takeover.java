package io.tandem.server.ha;

import io.tandem.server.core.ClientSession;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.extend.ExtendAndConnect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a backup does when it becomes primary: for every terminal the old primary controlled, find the same
 * client (by its stable identity) registered on the DN here and extend the terminal again to the same
 * REMOTE_DEST and REMOTE_NAME, with that client in control. Core thread only.
 */
public final class Takeover {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final DnDirectory directory;
    private final Supplier<Collection<ClientSession>> sessions;
    private final Registrations registrations;
    private final ExtendAndConnect extendAndConnect;

    /** A takeover over the core's directory, sessions, registrations and extend-and-connect service. */
    public Takeover(DnDirectory directory, Supplier<Collection<ClientSession>> sessions, Registrations registrations,
            ExtendAndConnect extendAndConnect) {
        this.directory = directory;
        this.sessions = sessions;
        this.registrations = registrations;
        this.extendAndConnect = extendAndConnect;
    }

    /** Re-activates {@code controls}; completes with how many terminals are extended again. */
    public CompletableFuture<Integer> reactivate(List<TerminalControl> controls) {
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (TerminalControl control : controls) {
            Optional<DirectoryNumber> dn = directory.find(control.dn()).filter(d -> d.terminal() != null);
            Optional<ClientSession> controller = controllerOf(control);
            if (dn.isEmpty() || controller.isEmpty()) {
                LOG.warn("switchover: {} not re-activated: {}", control.dn(), dn.isEmpty() ? "not a remote terminal here"
                        : "no client '" + control.controller() + "' is registered on it here");
                continue;
            }
            results.add(extendAndConnect.resume(controller.get(), dn.get(), control.remoteDest(), control.remoteName(),
                    control.addedByServer()));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(v -> (int) results.stream().filter(CompletableFuture::join).count());
    }

    private Optional<ClientSession> controllerOf(TerminalControl control) {
        return sessions.get().stream()
                .filter(s -> control.controller().equals(s.clientIdentity()) && registrations.isRegistered(s, control.dn()))
                .findFirst();
    }
}
