package io.tandem.server.agent;

import io.tandem.server.ha.ReplicatedPart;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The agents, replicated to the backup (the part "agents"): each agent's AgentID, DN, state, work mode, Reasons, the
 * ClientIdentity of the client that logged it in, and its wrap-up deadline. The backup keeps them in its
 * {@link AgentDesk} silently (its snapshots show them; no events, no timers); at takeover the timers start, so a wrap-up
 * running at the switchover ends on the new primary, and clients see neither a logout nor a login. Core thread only.
 */
public final class AgentReplica extends ReplicatedPart<Agent, AgentReplica.Change> {

    /**
     * One change: the agent on {@code dn} now.
     *
     * @param dn the DN
     * @param agent the agent logged in there now, or null when none is
     */
    public record Change(String dn, Agent agent) {
    }

    private final AgentDesk desk;

    /** The replica of {@code desk}'s agents. */
    public AgentReplica(AgentDesk desk) {
        super("agents", Agent.class, Change.class);
        this.desk = desk;
        desk.onChange((dn, agent) -> publish(new Change(dn, agent)));
    }

    @Override
    public List<Agent> snapshot() {
        return desk.all();
    }

    @Override
    public int size() {
        return desk.count();
    }

    @Override
    public void replaceMirror(List<Agent> items) {
        desk.replaceAll(items);
    }

    @Override
    public void applyToMirror(Change change) {
        desk.apply(change.dn(), change.agent());
    }

    @Override
    public int mirrored() {
        return desk.count();
    }

    @Override
    public CompletableFuture<String> takeOver() {
        return CompletableFuture.completedFuture(desk.takeOver() + " agents keep their state");
    }
}
