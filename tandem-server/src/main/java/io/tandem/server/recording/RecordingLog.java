package io.tandem.server.recording;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where recording metadata is kept for recorders and QA tools: called on the core thread, it must not block it.
 */
public interface RecordingLog {

    /**
     * One recording as kept.
     *
     * @param recordingId the recording ID
     * @param connId the call's ConnID
     * @param callId the switch call ID
     * @param dn the recorded party
     * @param agentId the AgentID logged in on the DN when it started, or null
     * @param emUser the Extension Mobility user logged in on the phone when it started, or null
     * @param recorder the recorder's number
     * @param startedAt when it started (epoch ms)
     * @param stoppedAt when it stopped for good (epoch ms), or null while it runs or is paused
     * @param cause why it stopped or failed, or null
     */
    record Entry(String recordingId, String connId, long callId, String dn, String agentId, String emUser, String recorder,
            long startedAt, Long stoppedAt, String cause) {
    }

    /** The recording started (again: after a pause or a hold its row runs on). */
    void started(Entry entry);

    /** The recording stopped for good, or failed. */
    void ended(String recordingId, long atMillis, String cause);

    /** The latest {@code limit} recordings, newest first. */
    CompletableFuture<List<Entry>> latest(int limit);

    /** A log that keeps nothing. */
    static RecordingLog none() {
        return new RecordingLog() {
            @Override
            public void started(Entry entry) {
            }

            @Override
            public void ended(String recordingId, long atMillis, String cause) {
            }

            @Override
            public CompletableFuture<List<Entry>> latest(int limit) {
                return CompletableFuture.completedFuture(List.of());
            }
        };
    }
}
