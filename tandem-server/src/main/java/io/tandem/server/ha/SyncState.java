package io.tandem.server.ha;

/** Where a server's synchronization link stands. */
public enum SyncState {
    /** No peer configured: a standalone server. */
    STANDALONE,
    /** Backup: connecting to the primary's sync port. */
    CONNECTING,
    /** Backup: connected, backupReady sent, full synchronization under way. */
    SYNCHRONIZING,
    /** Backup: fully synchronized and following changes. Primary: a backup is following. */
    IN_SYNC,
    /** Primary: no backup connected. Backup: the link to the primary broke; reconnecting. */
    PEER_LOST
}
