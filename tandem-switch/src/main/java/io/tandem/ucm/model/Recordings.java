package io.tandem.ucm.model;

import io.tandem.switchlink.CallEventType;
import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.RecordingRequest;
import io.tandem.switchlink.RecordingState;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.ucm.config.SwitchConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The recording sessions of the switch: one per recorded party of a call, with CUCM's rules (a line's recording option,
 * the media source, hold stops and retrieve restarts, the party leaving stops). Driven by {@link CallModel} on the switch
 * thread: the verbs come through it, and it tells this class every call event.
 */
public final class Recordings {

    /**
     * A recording as the control API shows it: {@code tone} is who hears the notification tone, {@code invocation} whether
     * the phone shows the recording (automatic recordings: no tone, silent).
     */
    public record Session(String recordingId, long callId, String dn, String device, String recorder, boolean automatic,
            RecordingRequest.Tone tone, RecordingRequest.Invocation invocation) {
    }

    private record Key(long callId, String dn) {
    }

    private final SwitchModel model;
    private final Map<Key, Session> active = new LinkedHashMap<>();
    /** Sessions stopped by hold, restarted (same ID) by retrieve. */
    private final Map<Key, Session> held = new LinkedHashMap<>();
    private Consumer<SwitchEvent.RecordingChanged> listener = e -> { };
    private long nextId = 1;

    Recordings(SwitchModel model) {
        this.model = model;
    }

    void setListener(Consumer<SwitchEvent.RecordingChanged> listener) {
        this.listener = listener;
    }

    /** The recordings running now. */
    public List<Session> active() {
        return List.copyOf(active.values());
    }

    private SwitchConfig.DnRecording line(String dn) {
        return model.config().recordingLines().stream().filter(r -> r.dn().equals(dn)).findFirst()
                .orElse(new SwitchConfig.DnRecording(dn, SwitchConfig.RecordingOption.NONE, null, SwitchConfig.MediaSource.PHONE));
    }

    /**
     * An application asks to start recording {@code dn} on call {@code callId}, where it is {@code state} on
     * {@code device}: refused (nothing changed) unless the line records on application request, the party is connected
     * and not recorded already.
     */
    void start(long callId, String dn, Device device, PartyState state, RecordingRequest request) {
        SwitchConfig.DnRecording line = line(dn);
        if (line.option() != SwitchConfig.RecordingOption.APPLICATION) {
            throw new SwitchException(SwitchError.RECORDING_NOT_ENABLED, "line " + dn + " has recording option "
                    + line.option().name().toLowerCase() + "; an application starts recordings only on lines set to application");
        }
        if (state != PartyState.CONNECTED) {
            throw new SwitchException(SwitchError.INVALID_STATE, dn + " is " + state + " on call " + callId + "; only a connected party is recorded");
        }
        Key key = new Key(callId, dn);
        if (active.containsKey(key)) {
            throw new SwitchException(SwitchError.ALREADY_SET, dn + " is recorded on call " + callId + " already ("
                    + active.get(key).recordingId() + ")");
        }
        held.remove(key);
        begin(key, device, line, request.recordingId() != null ? request.recordingId() : newId(), false, request.tone(),
                request.invocation(), request.correlation());
    }

    /** An application asks to stop recording {@code dn} on call {@code callId}. */
    void stop(long callId, String dn, long correlation) {
        Key key = new Key(callId, dn);
        Session session = active.get(key);
        if (session == null) {
            throw new SwitchException(SwitchError.ALREADY_SET, dn + " is not recorded on call " + callId);
        }
        if (session.automatic()) {
            throw new SwitchException(SwitchError.RECORDING_NOT_ENABLED, "line " + dn + " records every call automatically;"
                    + " an application cannot stop it");
        }
        end(key, session, RecordingState.STOPPED, "REQUESTED", correlation);
    }

    /** Follows a call event of {@code dn} on {@code device}: automatic recordings, hold and retrieve, the party leaving. */
    void callEvent(long callId, String dn, Device device, CallEventType type, String cause) {
        if (device == null || dn == null) {
            return;
        }
        Key key = new Key(callId, dn);
        switch (type) {
            case ESTABLISHED, RETRIEVED -> {
                if (active.containsKey(key)) {
                    return;
                }
                Session wasHeld = held.remove(key);
                SwitchConfig.DnRecording line = line(dn);
                if (wasHeld != null) {
                    begin(key, device, line, wasHeld.recordingId(), wasHeld.automatic(), wasHeld.tone(), wasHeld.invocation(), 0);
                } else if (line.option() == SwitchConfig.RecordingOption.AUTOMATIC) {
                    begin(key, device, line, newId(), true, RecordingRequest.Tone.NONE, RecordingRequest.Invocation.SILENT, 0);
                }
            }
            case HELD -> {
                Session session = active.get(key);
                if (session != null) {
                    end(key, session, RecordingState.STOPPED, "HELD", 0);
                    held.put(key, session);
                }
            }
            case RELEASED, ABANDONED -> {
                held.remove(key);
                Session session = active.get(key);
                if (session != null) {
                    end(key, session, RecordingState.STOPPED, CallModel.PHONE_RESET.equals(cause) ? "PHONE_RESET" : "CALL_RELEASED", 0);
                }
            }
            default -> {
            }
        }
    }

    private String newId() {
        return "REC-" + nextId++;
    }

    /**
     * Starts a session: FAILED instead when the line has no media source for this device (a CTI remote device records
     * only through a gateway) or the recorder cannot be reached.
     */
    private void begin(Key key, Device device, SwitchConfig.DnRecording line, String id, boolean automatic, RecordingRequest.Tone tone,
            RecordingRequest.Invocation invocation, long correlation) {
        Session session = new Session(id, key.callId(), key.dn(), device.name(), line.recorder(), automatic, tone, invocation);
        String failure = null;
        if (device.type() == DeviceType.CTI_REMOTE_DEVICE && line.mediaSource() != SwitchConfig.MediaSource.GATEWAY) {
            failure = "NO_MEDIA_SOURCE";
        } else if (!reachable(line.recorder())) {
            failure = "RECORDER_UNREACHABLE";
        }
        if (failure != null) {
            tell(session, RecordingState.FAILED, failure, correlation);
            return;
        }
        active.put(key, session);
        tell(session, RecordingState.STARTED, null, correlation);
    }

    private boolean reachable(String recorder) {
        if (recorder == null) {
            return false;
        }
        if (model.isDirectoryNumber(recorder)) {
            return model.deviceByDn(recorder).map(Device::inService).orElse(false);
        }
        return model.isExternallyReachable(recorder);
    }

    private void end(Key key, Session session, RecordingState state, String cause, long correlation) {
        active.remove(key);
        tell(session, state, cause, correlation);
    }

    private void tell(Session s, RecordingState state, String cause, long correlation) {
        listener.accept(new SwitchEvent.RecordingChanged(s.device(), s.callId(), s.dn(), s.recordingId(), state, s.automatic(), cause,
                s.recorder(), correlation));
    }
}
