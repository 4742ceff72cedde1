/**
 * High availability: this server's membership in a primary/backup pair ({@link io.tandem.server.ha.HaPair}). Four
 * parts, one job each: the role and the decisions that change it ({@link io.tandem.server.ha.RoleKeeper} owning the
 * {@link io.tandem.server.ha.PairRole} state machine), the replication of the state that features register
 * ({@link io.tandem.server.ha.Replicated}, {@link io.tandem.server.ha.Replication}), the sync link's network side
 * ({@link io.tandem.server.ha.SyncTransport}: JSON lines over TCP or TLS, mutual proof of a shared secret, heartbeats),
 * and the health figures ({@link io.tandem.server.ha.SyncHealth}). A backup that connects is synchronized in full, then
 * follows every change; a dropped link is synchronized in full again. This package knows no feature: the features
 * (extend-and-connect control, live calls, agents) implement {@link io.tandem.server.ha.Replicated}.
 */
package io.tandem.server.ha;
