package io.tandem.server.monitor;

import io.tandem.server.ha.ReplicatedPart;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The monitoring requests, replicated to the backup (the part "monitorings"): after a switchover the new primary knows
 * who monitors whom and cancels or changes a monitoring on request (the switch keeps the monitoring call). Core thread only.
 */
public final class MonitorReplica extends ReplicatedPart<MonitorWatch, MonitorReplica.Change> {

    /**
     * One change: the request on one agent DN now.
     *
     * @param agentDn the agent's DN
     * @param watch the request now, or null when none
     */
    public record Change(String agentDn, MonitorWatch watch) {
    }

    private final MonitorDesk desk;

    /** The replica of {@code desk}'s requests. */
    public MonitorReplica(MonitorDesk desk) {
        super("monitorings", MonitorWatch.class, Change.class);
        this.desk = desk;
        desk.onChange((agent, watch) -> publish(new Change(agent, watch)));
    }

    @Override
    public List<MonitorWatch> snapshot() {
        return desk.snapshot();
    }

    @Override
    public int size() {
        return desk.all().size();
    }

    @Override
    public void replaceMirror(List<MonitorWatch> items) {
        desk.replaceAll(items);
    }

    @Override
    public void applyToMirror(Change change) {
        desk.apply(change.agentDn(), change.watch());
    }

    @Override
    public int mirrored() {
        return desk.all().size();
    }

    @Override
    public CompletableFuture<String> takeOver() {
        return CompletableFuture.completedFuture(desk.all().size() + " monitorings go on");
    }
}
