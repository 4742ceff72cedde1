/**
 * Emulated agents (CUCM has no ACD): login, Ready, Not Ready with reasons, after-call work and logout on a DN, kept
 * by the CTI server. {@link io.tandem.server.agent.AgentDesk} owns the agents on the core thread,
 * {@link io.tandem.server.agent.AgentRequests} handles the four T-Library requests, and
 * {@link io.tandem.server.agent.AgentReplica} carries the agents to the backup (the replicated part "agents").
 */
package io.tandem.server.agent;
