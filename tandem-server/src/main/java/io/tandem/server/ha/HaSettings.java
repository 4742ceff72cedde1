package io.tandem.server.ha;

import java.time.Duration;

/**
 * How a server takes part in a primary/backup pair.
 *
 * @param role the role it starts in
 * @param syncPort the port its synchronization link listens on (0: any free port), or -1 for none
 * @param peerHost the other server's host, or null when it has no peer
 * @param peerPort the other server's sync port
 * @param heartbeatInterval how often an idle sync link sends a heartbeat
 * @param heartbeatTimeout how long a silent peer is tolerated before the link is dropped
 * @param reconnectDelay how long a backup waits before reconnecting to the primary
 * @param secret the secret both servers of a pair share to authenticate their sync link (required for a pair)
 * @param takeoverChunk how many terminals a takeover sets active again per task of the core thread (at least 1; tests
 *     use 1 so that everything else interleaves with the takeover)
 */
public record HaSettings(HaRole role, int syncPort, String peerHost, int peerPort, Duration heartbeatInterval,
        Duration heartbeatTimeout, Duration reconnectDelay, String secret, int takeoverChunk) {

    /** Terminals set active again per core task at a takeover, by default. */
    public static final int DEFAULT_TAKEOVER_CHUNK = 250;

    /** The shortest shared secret accepted. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** Default heartbeat interval. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    /** Default heartbeat timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** Checks the values. */
    public HaSettings {
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("the heartbeat timeout (" + heartbeatTimeout.toMillis()
                    + " ms) must be longer than the heartbeat interval (" + heartbeatInterval.toMillis() + " ms)");
        }
        if (peerHost != null && syncPort < 0) {
            throw new IllegalArgumentException("a server with a peer needs a sync port");
        }
        if (takeoverChunk < 1) {
            throw new IllegalArgumentException("the takeover chunk must be at least 1, not " + takeoverChunk);
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the sync link's shared secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
    }

    /** A standalone primary: no sync link. */
    public static HaSettings standalone() {
        return new HaSettings(HaRole.PRIMARY, -1, null, 0, DEFAULT_HEARTBEAT, DEFAULT_TIMEOUT, Duration.ofMillis(500), null, DEFAULT_TAKEOVER_CHUNK);
    }

    /** A member of a pair in {@code role}, listening on {@code syncPort}, with its peer at {@code peerHost:peerPort}. */
    public static HaSettings pair(HaRole role, int syncPort, String peerHost, int peerPort) {
        return new HaSettings(role, syncPort, peerHost, peerPort, DEFAULT_HEARTBEAT, DEFAULT_TIMEOUT, Duration.ofMillis(500), null, DEFAULT_TAKEOVER_CHUNK);
    }

    /** A copy with other heartbeat timing. */
    public HaSettings withHeartbeat(Duration interval, Duration timeout) {
        return new HaSettings(role, syncPort, peerHost, peerPort, interval, timeout, reconnectDelay, secret, takeoverChunk);
    }

    /** A copy with the pair's shared secret. */
    public HaSettings withSecret(String secret) {
        return new HaSettings(role, syncPort, peerHost, peerPort, heartbeatInterval, heartbeatTimeout, reconnectDelay, secret, takeoverChunk);
    }

    /** A copy that takes over {@code chunk} terminals per core task. */
    public HaSettings withTakeoverChunk(int chunk) {
        return new HaSettings(role, syncPort, peerHost, peerPort, heartbeatInterval, heartbeatTimeout, reconnectDelay, secret, chunk);
    }

    @Override
    public String toString() {
        return "HaSettings[role=" + role + ", syncPort=" + syncPort + ", peer=" + peerHost + ":" + peerPort + "]";
    }

    /** Whether this server has a synchronization link at all. */
    public boolean paired() {
        return syncPort >= 0;
    }
}
