package io.tandem.switchlink;

import java.util.Objects;

/**
 * Starts or stops the recording of one party of a call (JTAPI {@code CiscoTerminalConnection.startRecording} /
 * {@code stopRecording}).
 *
 * @param start true to start, false to stop
 * @param dn the party to record (its line's recording option decides whether it may be)
 * @param callId the switch call ID
 * @param recordingId for a start: the ID the recording session gets (a recording resumed after a pause keeps its ID), or
 *     null for a new one the switch makes
 * @param correlation chosen by the caller, carried back by the {@link SwitchEvent.RecordingChanged} the request causes
 */
public record RecordingRequest(boolean start, String dn, long callId, String recordingId, long correlation) {

    /** Checks the DN is given. */
    public RecordingRequest {
        Objects.requireNonNull(dn, "dn");
    }
}
