package io.tandem.ucm.model;

import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls placed through the switch control API from network parties, and how the switch routes them:
 * a phone DN rings the phone; a CTI remote device DN rings only its active remote destination, and
 * with none active the caller gets user busy. Owned by the switch thread.
 */
public final class CallTable {

    /** Cause for a busy called party, as CUCM reports it. */
    public static final String USER_BUSY = "USER_BUSY";
    /** Cause for a number the dial plan cannot route. */
    public static final String UNALLOCATED_NUMBER = "UNALLOCATED_NUMBER";
    /** Cause for a called device that is out of service. */
    public static final String DEVICE_OUT_OF_SERVICE = "DEVICE_OUT_OF_SERVICE";
    /** Cause for a call ended by a party. */
    public static final String NORMAL_CLEARING = "NORMAL_CLEARING";
    /** Cause for a call refused by the called party before answer. */
    public static final String CALL_REJECTED = "CALL_REJECTED";

    private static final class Call {
        final long id;
        final String calling;
        final String called;
        final String alerting;
        final String device;
        CallState state = CallState.ALERTING;

        Call(long id, String calling, String called, String alerting, String device) {
            this.id = id;
            this.calling = calling;
            this.called = called;
            this.alerting = alerting;
            this.device = device;
        }

        CallView view(String cause) {
            return new CallView(id, calling, called, alerting, device, state, cause);
        }
    }

    private final SwitchModel model;
    private final Map<Long, Call> live = new LinkedHashMap<>();
    private long nextId = 1000;

    /** A call table routing with {@code model}'s directory. */
    public CallTable(SwitchModel model) {
        this.model = model;
    }

    /** A network party {@code from} dials {@code to}. */
    public CallView place(String from, String to) {
        if (from == null || !model.isExternallyReachable(from) || model.isDirectoryNumber(from)) {
            throw new SwitchException(SwitchError.INVALID_ARGUMENT, "calling number '" + from
                    + "' is not a network number (it must match the external dial plan and not be a switch DN)");
        }
        long id = nextId++;
        Optional<Device> target = model.deviceByDn(to);
        if (target.isEmpty()) {
            return failed(id, from, to, null, UNALLOCATED_NUMBER);
        }
        Device device = target.get();
        if (device.type() == DeviceType.CTI_REMOTE_DEVICE && (device.activeNumber() == null || !device.inService())) {
            return failed(id, from, to, device.name(), USER_BUSY);
        }
        if (!device.inService()) {
            return failed(id, from, to, device.name(), DEVICE_OUT_OF_SERVICE);
        }
        String alerting = device.type() == DeviceType.CTI_REMOTE_DEVICE ? device.activeNumber() : to;
        if (busy(alerting)) {
            return failed(id, from, to, device.name(), USER_BUSY);
        }
        Call call = new Call(id, from, to, alerting, device.name());
        live.put(id, call);
        return call.view(null);
    }

    private static CallView failed(long id, String from, String to, String device, String cause) {
        return new CallView(id, from, to, null, device, CallState.FAILED, cause);
    }

    private boolean busy(String party) {
        return live.values().stream().anyMatch(c -> party.equals(c.alerting) || party.equals(c.calling));
    }

    /** The party {@code at} answers the call ringing there. */
    public CallView answer(String at) {
        Call call = live.values().stream().filter(c -> c.state == CallState.ALERTING && at.equals(c.alerting)).findFirst()
                .orElseThrow(() -> new SwitchException(SwitchError.INVALID_ARGUMENT, "no call is ringing at " + at));
        call.state = CallState.CONNECTED;
        return call.view(null);
    }

    /** The party {@code at} hangs up (or rejects a ringing call). */
    public CallView hangUp(String at) {
        Call call = live.values().stream().filter(c -> at.equals(c.calling) || at.equals(c.alerting)).findFirst()
                .orElseThrow(() -> new SwitchException(SwitchError.INVALID_ARGUMENT, "no call at " + at));
        String cause = call.state == CallState.ALERTING && at.equals(call.alerting) ? CALL_REJECTED : NORMAL_CLEARING;
        call.state = CallState.DISCONNECTED;
        live.remove(call.id);
        return call.view(cause);
    }

    /** The calls that are ringing or connected. */
    public List<CallView> live() {
        List<CallView> views = new ArrayList<>();
        live.values().forEach(c -> views.add(c.view(null)));
        return views;
    }
}
