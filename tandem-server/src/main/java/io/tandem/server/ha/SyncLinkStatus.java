package io.tandem.server.ha;

/**
 * The synchronization link as health reports show it.
 *
 * @param role this server's role
 * @param state where the link stands
 * @param peer the peer's address, or null for a standalone server
 * @param syncPort the port this server's sync link listens on, or -1
 * @param backupsFollowing primary: backups receiving changes now
 * @param replicated per replicated part: the size of this server's own state (primary) or of the mirror (backup)
 * @param sequence the sequence number of the latest change sent (primary) or applied (backup)
 * @param lastFullSyncAt backup: when the last full synchronization completed (epoch ms), or 0
 * @param lagMillis backup: primary clock at the last change applied, subtracted from the backup's clock on arrival
 * @param lastProblem why the link last broke or was refused, or null
 * @param holdsPrimaryRole whether the switch confirms this server as the pair's primary
 * @param switchovers how many times this server took over as primary
 * @param lastSwitchoverAt when it last took over (epoch ms), or 0
 * @param lastSwitchoverMillis how long the last takeover took, from losing the primary to every terminal re-activated; -1 if none
 */
public record SyncLinkStatus(HaRole role, SyncState state, String peer, int syncPort, int backupsFollowing, java.util.Map<String, Integer> replicated,
        long sequence, long lastFullSyncAt, long lagMillis, String lastProblem, boolean holdsPrimaryRole, int switchovers,
        long lastSwitchoverAt, long lastSwitchoverMillis) {

    /** The size of the replicated part that carries the control of remote terminals ("terminals"). */
    public int terminals() {
        return replicated.getOrDefault("terminals", 0);
    }
}
