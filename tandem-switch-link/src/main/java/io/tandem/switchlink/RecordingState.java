package io.tandem.switchlink;

/** What happened to a recording session (JTAPI {@code CiscoTermConnRecordingStartEv}, {@code EndEv}, {@code FailedEv}). */
public enum RecordingState {
    /** The recorder is receiving the party's media. */
    STARTED,
    /** The recording ended (asked, held, the party left, the phone reset). */
    STOPPED,
    /** The recording could not start (no media source, recorder unreachable). */
    FAILED
}
