package io.tandem.switchlink;

import java.util.Objects;

/**
 * Starts or stops the recording of one party of a call (JTAPI {@code CiscoTerminalConnection.startRecording(
 * playToneDirection, invocationType)} / {@code stopRecording}).
 *
 * @param start true to start, false to stop
 * @param dn the party to record (its line's recording option decides whether it may be)
 * @param callId the switch call ID
 * @param recordingId for a start: the ID the recording session gets (a recording resumed after a pause keeps its ID), or
 *     null for a new one the switch makes
 * @param tone who hears the recording notification tone (JTAPI {@code PLAYTONE_*}); {@link Tone#NONE} when null
 * @param invocation silent (a supervisor's recording, the phone shows nothing) or user (the phone shows it);
 *     {@link Invocation#SILENT} when null
 * @param correlation chosen by the caller, carried back by the {@link SwitchEvent.RecordingChanged} the request causes
 */
public record RecordingRequest(boolean start, String dn, long callId, String recordingId, Tone tone, Invocation invocation,
        long correlation) {

    /** Who hears the recording tone: JTAPI {@code PLAYTONE_NOLOCAL_OR_REMOTE}, {@code _LOCALONLY}, {@code _REMOTEONLY}, {@code _BOTHLOCALANDREMOTE}. */
    public enum Tone { NONE, LOCAL, REMOTE, BOTH }

    /** CUCM's selective recording modes: silent (no indication on the phone) and user (the phone shows the recording). */
    public enum Invocation { SILENT, USER }

    /** Checks the DN is given; defaults the tone and the invocation. */
    public RecordingRequest {
        Objects.requireNonNull(dn, "dn");
        tone = tone == null ? Tone.NONE : tone;
        invocation = invocation == null ? Invocation.SILENT : invocation;
    }

    /** A request with no tone, silent. */
    public RecordingRequest(boolean start, String dn, long callId, String recordingId, long correlation) {
        this(start, dn, callId, recordingId, Tone.NONE, Invocation.SILENT, correlation);
    }
}
