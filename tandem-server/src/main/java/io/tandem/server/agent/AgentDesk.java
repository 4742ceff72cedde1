package io.tandem.server.agent;

import io.tandem.protocol.AgentWorkMode;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.config.AgentSettings;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents logged in on this server's DNs, and every change of their state with its events: the requests (checked
 * by {@link AgentRequests}), after-call work when a business call ends, the logouts the server makes on its own (the
 * client went, the DN went out of service, too long Not Ready), and the timers. On a backup it holds the primary's
 * agents (applied by {@link AgentReplica}) without timers or events, so that snapshots are right and a takeover
 * continues them. Core thread only.
 */
public final class AgentDesk implements io.tandem.server.dn.SnapshotParts.Part {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);

    /** The Reasons key of the logouts the server makes on its own. */
    public static final String LOGOUT_REASON = "LOGOUT_REASON";

    private final AgentSettings settings;
    private final EventSender sender;
    private final Registrations registrations;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final BooleanSupplier primary;
    private final Map<String, Agent> byDn = new LinkedHashMap<>();
    private final Map<String, String> dnOfAgent = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();
    private BiConsumer<String, Agent> changed = (dn, agent) -> { };
    private AgentStore store = AgentStore.none();

    /**
     * The agents of a server with {@code settings}, telling clients through {@code sender}; timers run on {@code timers}
     * (the core thread) and only while {@code primary} holds.
     */
    public AgentDesk(AgentSettings settings, EventSender sender, Registrations registrations, ScheduledExecutorService timers, Clock clock,
            BooleanSupplier primary) {
        this.settings = settings;
        this.sender = sender;
        this.registrations = registrations;
        this.timers = timers;
        this.clock = clock;
        this.primary = primary;
    }

    /** Tells {@code listener} the new state of a DN's agent (null: logged out) after every change (the replication). */
    void onChange(BiConsumer<String, Agent> listener) {
        this.changed = listener;
    }

    /** Keeps the agents in {@code newStore} from now on. Once, before clients connect. */
    public void persistTo(AgentStore newStore) {
        this.store = newStore;
    }

    /**
     * Gives back {@code agents}, stored by an earlier run (only when clients do not take their agents along:
     * agent-logout-on-unreg off); their timers start if this server acts on the switch. Before clients connect.
     */
    public void restore(List<Agent> agents) {
        agents.forEach(this::keep);
        if (primary.getAsBoolean()) {
            agents.forEach(this::schedule);
        }
        if (!agents.isEmpty()) {
            LOG.info("{} agents restored from the database", agents.size());
        }
    }

    /** The settings. */
    public AgentSettings settings() {
        return settings;
    }

    /** The agent logged in on {@code dn}. */
    public Optional<Agent> onDn(String dn) {
        return Optional.ofNullable(byDn.get(dn));
    }

    /** The DN agent {@code agentId} is logged in on. */
    public Optional<String> dnOf(String agentId) {
        return Optional.ofNullable(dnOfAgent.get(agentId));
    }

    /** How many agents are logged in. */
    public int count() {
        return byDn.size();
    }

    /** Every logged-in agent, in login order. */
    public List<Agent> all() {
        return List.copyOf(byDn.values());
    }

    // ---- changes asked for by clients (checked already) ----

    void login(ClientSession client, String dn, String agentId, String queue, AgentWorkMode mode, KeyValueList reasons, Long referenceId) {
        Agent agent = new Agent(agentId, dn, queue, AgentState.NOT_READY, mode, reasons, client.clientIdentity(), clock.millis(), null, null);
        put(agent);
        distribute(dn, Message.builder(MessageType.EVENT_AGENT_LOGIN).put(Attribute.THIS_DN, dn).put(Attribute.AGENT_ID, agentId)
                .putIfPresent(Attribute.THIS_QUEUE, queue).put(Attribute.AGENT_WORK_MODE, mode.wireName()).build(), client, referenceId);
        distribute(dn, notReadyEvent(agent, null), null, null);
        LOG.info("agent {} logged in on {} by {}", agentId, dn, client.clientIdentity());
    }

    void ready(ClientSession client, Agent agent, AgentWorkMode mode, Long referenceId) {
        Agent now = agent.moved(AgentState.READY, mode, agent.reasons(), clock.millis());
        put(now);
        distribute(agent.dn(), readyEvent(now), client, referenceId);
    }

    void notReady(ClientSession client, Agent agent, AgentWorkMode mode, KeyValueList reasons, Long referenceId) {
        Agent now = agent.moved(AgentState.NOT_READY, mode, reasons, clock.millis());
        put(now);
        distribute(agent.dn(), notReadyEvent(now, null), client, referenceId);
    }

    void logout(ClientSession client, Agent agent, KeyValueList reasons, Long referenceId) {
        remove(agent);
        distribute(agent.dn(), logoutEvent(agent, reasons), client, referenceId);
        LOG.info("agent {} logged out of {}", agent.agentId(), agent.dn());
    }

    // ---- changes the server makes ----

    /**
     * A business call the agent on {@code dn} handled is being released: a Ready agent goes to after-call work (when
     * the wrap-up time is not 0), reported before the call's EventReleased.
     */
    public void businessCallReleased(String dn) {
        Agent agent = byDn.get(dn);
        if (agent == null || agent.state() != AgentState.READY || noAfterCallWork() || !primary.getAsBoolean()) {
            return;
        }
        long now = clock.millis();
        Long until = settings.wrapUpTime() == null ? null : now + settings.wrapUpTime().toMillis();
        Agent wrapping = agent.wrappingUp(now, until, agent.workMode());
        put(wrapping);
        distribute(dn, notReadyEvent(wrapping, KeyValueList.ofStrings("WrapUpTime",
                settings.wrapUpTime() == null ? "untimed" : String.valueOf(settings.wrapUpTime().toSeconds()))), null, null);
    }

    /**
     * {@code client} no longer has {@code dn} registered (it unregistered or disconnected): with
     * {@code agent-logout-on-unreg}, the agent it logged in there is logged out, unless another connection with the same
     * ClientIdentity is still registered on the DN.
     */
    public void unregistered(ClientSession client, String dn) {
        Agent agent = byDn.get(dn);
        if (agent == null || !settings.logoutOnUnregister() || !primary.getAsBoolean() || !agent.loggedInBy().equals(client.clientIdentity())) {
            return;
        }
        boolean stillThere = registrations.registrants(dn).stream().anyMatch(s -> s != client && agent.loggedInBy().equals(s.clientIdentity()));
        if (!stillThere) {
            serverLogout(agent, "ClientDisconnected");
        }
    }

    /** {@code dn} went out of service: with {@code logout-on-out-of-service}, its agent is logged out. */
    public void outOfService(String dn) {
        Agent agent = byDn.get(dn);
        if (agent != null && settings.logoutOnOutOfService() && primary.getAsBoolean()) {
            serverLogout(agent, "OutOfService");
        }
    }

    /** An administrator logs the agent on {@code dn} out. */
    public boolean adminLogout(String dn) {
        Agent agent = byDn.get(dn);
        if (agent == null) {
            return false;
        }
        serverLogout(agent, "Administrator");
        return true;
    }

    /** An administrator sets the agent on {@code dn} Not Ready (AuxWork, ReasonCode Administrator). */
    public boolean adminNotReady(String dn) {
        Agent agent = byDn.get(dn);
        if (agent == null) {
            return false;
        }
        notReady(null, agent, AgentWorkMode.AUX_WORK, KeyValueList.ofStrings("ReasonCode", "Administrator"), null);
        return true;
    }

    private void serverLogout(Agent agent, String why) {
        remove(agent);
        distribute(agent.dn(), logoutEvent(agent, KeyValueList.ofStrings(LOGOUT_REASON, why)), null, null);
        LOG.info("agent {} logged out of {}: {}", agent.agentId(), agent.dn(), why);
    }

    private void wrapUpEnded(String dn) {
        Agent agent = byDn.get(dn);
        if (agent == null || !agent.inWrapUp() || !primary.getAsBoolean()) {
            return;
        }
        Agent ready = agent.moved(AgentState.READY, agent.modeAfterWrapUp(), agent.reasons(), clock.millis());
        put(ready);
        distribute(dn, readyEvent(ready), null, null);
    }

    private void notReadyTooLong(String dn) {
        Agent agent = byDn.get(dn);
        if (agent != null && agent.state() == AgentState.NOT_READY && !agent.inWrapUp() && primary.getAsBoolean()) {
            serverLogout(agent, "AutoLogout");
        }
    }

    // ---- replication ----

    /** Replaces every agent with {@code agents} (the primary's), silently. */
    void replaceAll(List<Agent> agents) {
        new ArrayList<>(byDn.values()).forEach(a -> {
            forget(a);
            store.changed(a.dn(), null);
        });
        agents.forEach(a -> {
            keep(a);
            store.changed(a.dn(), a);
        });
    }

    /** Sets the agent of {@code dn} to {@code agent} (null: none), silently. */
    void apply(String dn, Agent agent) {
        Agent before = byDn.get(dn);
        if (before != null) {
            forget(before);
        }
        if (agent != null) {
            keep(agent);
        }
        store.changed(dn, agent);
    }

    /** This server acts on the switch now (took over, or started as primary): the timers of every agent start. */
    public int takeOver() {
        byDn.values().forEach(this::schedule);
        return byDn.size();
    }

    // ---- snapshots ----

    /** AGENT_ID, AGENT_STATE and AGENT_WORK_MODE of {@code dn}'s agent, for snapshots; empty without one. */
    @Override
    public KeyValueList extensions(String dn) {
        Agent agent = byDn.get(dn);
        if (agent == null) {
            return KeyValueList.EMPTY;
        }
        return KeyValueList.ofStrings("AGENT_ID", agent.agentId(), "AGENT_STATE", agent.state().wireName(), "AGENT_WORK_MODE",
                agent.workMode().wireName());
    }

    /** The current Reasons of {@code dn}'s agent, for snapshots; empty without one. */
    @Override
    public KeyValueList reasons(String dn) {
        Agent agent = byDn.get(dn);
        return agent == null ? KeyValueList.EMPTY : agent.reasons();
    }

    // ---- bookkeeping ----

    private void put(Agent agent) {
        Agent before = byDn.get(agent.dn());
        if (before != null) {
            forget(before);
        }
        keep(agent);
        if (primary.getAsBoolean()) {
            schedule(agent);
        }
        changed.accept(agent.dn(), agent);
        store.changed(agent.dn(), agent);
    }

    private void remove(Agent agent) {
        forget(agent);
        changed.accept(agent.dn(), null);
        store.changed(agent.dn(), null);
    }

    private void keep(Agent agent) {
        byDn.put(agent.dn(), agent);
        dnOfAgent.put(agent.agentId(), agent.dn());
    }

    private void forget(Agent agent) {
        byDn.remove(agent.dn());
        dnOfAgent.remove(agent.agentId());
        ScheduledFuture<?> timer = pending.remove(agent.dn());
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void schedule(Agent agent) {
        ScheduledFuture<?> old = pending.remove(agent.dn());
        if (old != null) {
            old.cancel(false);
        }
        long now = clock.millis();
        if (agent.inWrapUp() && agent.wrapUpUntil() != null) {
            pending.put(agent.dn(), timers.schedule(() -> wrapUpEnded(agent.dn()), Math.max(0, agent.wrapUpUntil() - now), TimeUnit.MILLISECONDS));
        } else if (agent.state() == AgentState.NOT_READY && !agent.inWrapUp() && !settings.autoLogoutTimeout().isZero()) {
            long at = agent.since() + settings.autoLogoutTimeout().toMillis();
            pending.put(agent.dn(), timers.schedule(() -> notReadyTooLong(agent.dn()), Math.max(0, at - now), TimeUnit.MILLISECONDS));
        }
    }

    private void distribute(String dn, Message event, ClientSession requester, Long referenceId) {
        sender.distribute(registrations.receivers(dn), event, requester, referenceId);
    }

    private static Message readyEvent(Agent agent) {
        return Message.builder(MessageType.EVENT_AGENT_READY).put(Attribute.THIS_DN, agent.dn()).put(Attribute.AGENT_ID, agent.agentId())
                .put(Attribute.AGENT_WORK_MODE, agent.workMode().wireName()).build();
    }

    private static Message notReadyEvent(Agent agent, KeyValueList extensions) {
        Message.Builder event = Message.builder(MessageType.EVENT_AGENT_NOT_READY).put(Attribute.THIS_DN, agent.dn())
                .put(Attribute.AGENT_ID, agent.agentId()).put(Attribute.AGENT_WORK_MODE, agent.workMode().wireName());
        if (!agent.reasons().isEmpty()) {
            event.put(Attribute.REASONS, agent.reasons());
        }
        if (extensions != null) {
            event.put(Attribute.EXTENSIONS, extensions);
        }
        return event.build();
    }

    private static Message logoutEvent(Agent agent, KeyValueList reasons) {
        Message.Builder event = Message.builder(MessageType.EVENT_AGENT_LOGOUT).put(Attribute.THIS_DN, agent.dn()).put(Attribute.AGENT_ID, agent.agentId());
        if (reasons != null && !reasons.isEmpty()) {
            event.put(Attribute.REASONS, reasons);
        }
        return event.build();
    }

    /** A wrap-up time of zero means no after-call work (null means untimed). */
    private boolean noAfterCallWork() {
        return settings.wrapUpTime() != null && settings.wrapUpTime().isZero();
    }
}
