package io.tandem.server.store;

import io.tandem.server.agent.Agent;
import io.tandem.server.agent.AgentStore;
import io.tandem.server.ha.SyncCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents in the server's database, written by a thread of its own ("agents-db"): changes are collected for
 * {@link StoredAddedDestinations#LINGER} and written in one transaction, the last change of each DN winning. At most
 * {@link #MAX_PENDING} DNs wait; beyond, a change is dropped with a warning (the agent is then not restored after a
 * restart). Agents are stored as the JSON the sync link uses.
 */
public final class StoredAgents implements AgentStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredAgents.class);

    /** DNs whose change may wait for the writer at most. */
    public static final int MAX_PENDING = 100_000;

    private final TServerStore store;
    private final Map<String, Agent> pending = new LinkedHashMap<>();
    private final AtomicInteger unwritten = new AtomicInteger();
    private final Thread writer;
    private volatile boolean closed;

    /** The agents in {@code store}; starts the writer thread. */
    public StoredAgents(TServerStore store) {
        this.store = store;
        this.writer = new Thread(this::write, "agents-db");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void changed(String dn, Agent agent) {
        synchronized (pending) {
            if (!pending.containsKey(dn) && pending.size() >= MAX_PENDING) {
                LOG.warn("not recording the agent of DN {}: {} changes are waiting", dn, MAX_PENDING);
                return;
            }
            pending.put(dn, agent);
            unwritten.set(pending.size());
            pending.notifyAll();
        }
    }

    @Override
    public List<Agent> load() {
        return store.agents().stream().map(json -> SyncCodec.fromJson(json, Agent.class)).toList();
    }

    @Override
    public void clear() {
        store.clearAgents();
    }

    /** DNs whose agent change is not written yet (a gauge). */
    public int unwritten() {
        return unwritten.get();
    }

    private void write() {
        while (!closed) {
            Map<String, String> batch = new LinkedHashMap<>();
            try {
                synchronized (pending) {
                    while (pending.isEmpty() && !closed) {
                        pending.wait();
                    }
                }
                synchronized (pending) {
                    // linger: collect a burst of changes into one transaction
                    long end = System.nanoTime() + StoredAddedDestinations.LINGER.toNanos();
                    for (long left = end - System.nanoTime(); left > 0 && !closed; left = end - System.nanoTime()) {
                        pending.wait(Math.max(1, left / 1_000_000));
                    }
                    pending.forEach((dn, agent) -> batch.put(dn, agent == null ? null : SyncCodec.toJson(agent)));
                    pending.clear();
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                store.recordAgents(batch);
            } catch (RuntimeException e) {
                LOG.warn("could not record {} agent changes: {}", batch.size(), e.toString());
            }
            synchronized (pending) {
                unwritten.set(pending.size());
            }
        }
    }

    /** Stops the writer and writes what is still waiting. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> rest = new LinkedHashMap<>();
        synchronized (pending) {
            pending.forEach((dn, agent) -> rest.put(dn, agent == null ? null : SyncCodec.toJson(agent)));
            pending.clear();
        }
        if (!rest.isEmpty()) {
            try {
                store.recordAgents(rest);
            } catch (RuntimeException e) {
                LOG.warn("could not record {} agent changes at close: {}", rest.size(), e.toString());
            }
        }
    }
}
