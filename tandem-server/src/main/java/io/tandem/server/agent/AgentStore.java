package io.tandem.server.agent;

import java.util.List;

/**
 * Where the agents are kept across a restart. Writes must not block the caller (the core thread); they are applied
 * in order.
 */
public interface AgentStore {

    /** The agent on {@code dn} is now {@code agent} (null: none). */
    void changed(String dn, Agent agent);

    /** The agents stored, as the last start left them. */
    List<Agent> load();

    /** Forgets every stored agent. */
    void clear();

    /** A store that keeps nothing. */
    static AgentStore none() {
        return new AgentStore() {
            @Override
            public void changed(String dn, Agent agent) {
            }

            @Override
            public List<Agent> load() {
                return List.of();
            }

            @Override
            public void clear() {
            }
        };
    }
}
