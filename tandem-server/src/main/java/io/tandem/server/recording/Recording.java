package io.tandem.server.recording;

/**
 * One recording of one party of a call, as clients were told of it.
 *
 * @param recordingId the switch's recording ID (kept across a pause)
 * @param callId the switch call ID
 * @param connId the call's ConnID
 * @param dn the recorded party
 * @param paused whether it is paused (stopped on the switch, to be started again under the same ID)
 * @param automatic whether the line records every call
 * @param recorder the recorder's number
 * @param startedAt when it first started (epoch milliseconds)
 */
public record Recording(String recordingId, long callId, String connId, String dn, boolean paused, boolean automatic, String recorder,
        long startedAt) {

    /** This recording paused or running again. */
    Recording withPaused(boolean nowPaused) {
        return new Recording(recordingId, callId, connId, dn, nowPaused, automatic, recorder, startedAt);
    }
}
