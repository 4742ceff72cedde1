package io.tandem.switchlink;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Something the switch reports to a link about a device it observes. */
public sealed interface SwitchEvent {

    /** The device the event is about. */
    String device();

    /**
     * A device went in or out of service (CUCM {@code CiscoTermInServiceEv} / {@code CiscoTermOutOfServiceEv}).
     *
     * @param device the device name
     * @param inService the new state
     */
    record DeviceServiceChanged(String device, boolean inService) implements SwitchEvent {
    }

    /**
     * The remote destinations of a CTI remote device, or which one is active, changed (CUCM
     * {@code CiscoProvTerminalRemoteDestinationChangedEv}). Carries the full list.
     *
     * @param device the device name
     * @param destinations every remote destination of the device, with the active flag
     * @param lastSetByThisLink whether the receiving link was the last to set the active destination
     */
    record RemoteDestinationsChanged(String device, List<RemoteDestination> destinations, boolean lastSetByThisLink)
            implements SwitchEvent {

        /** Copies the list. */
        public RemoteDestinationsChanged {
            destinations = List.copyOf(destinations);
        }

        /** The active destination, if any. */
        public Optional<RemoteDestination> active() {
            return destinations.stream().filter(RemoteDestination::active).findFirst();
        }
    }

    /**
     * Something happened to one directory number's part in a call.
     *
     * @param device the device of {@code dn} (the observed device), or null for {@link CallEventType#CALL_CLEARED}
     * @param callId the switch call ID
     * @param type what happened
     * @param dn the directory number the event is about, or null for {@link CallEventType#CALL_CLEARED}
     * @param otherParty the other party (a DN or a network number), or null
     * @param thirdParty the third party (the transferring or conferencing DN), or null
     * @param kind the kind of call
     * @param previousCallId for PARTY_CHANGED after a transfer or conference: the call the DN came from, else 0
     * @param cause why (for example USER_BUSY, TRANSFERRED, NORMAL_CLEARING), or null
     * @param digits DTMF digits (DTMF_SENT), or null
     * @param correlation the correlation of the verb that caused the event, or 0
     */
    record CallEvent(String device, long callId, CallEventType type, String dn, String otherParty, String thirdParty,
            CallKind kind, long previousCallId, String cause, String digits, long correlation) implements SwitchEvent {
    }

    /**
     * A phone's lines changed because a user logged in or out with Extension Mobility (CUCM's address created /
     * removed events for the profile's lines).
     *
     * @param device the phone
     * @param lines the directory numbers now on it
     * @param inService whether the phone is in service
     * @param loggedInUser the user now logged in, or null
     * @param profile the device profile now in effect, or null for the phone's own configuration
     * @param controlledByThisLink whether the receiving link controls the phone now (through its controlled devices or
     *     a controlled profile); when false the link loses sight of the phone
     * @param dnd the Do Not Disturb status now in effect (the profile's while a user is logged in)
     * @param forwardAll the Call Forward All destination of each line that has one
     */
    record DeviceLinesChanged(String device, List<String> lines, boolean inService, String loggedInUser, String profile,
            boolean controlledByThisLink, boolean dnd, Map<String, String> forwardAll) implements SwitchEvent {

        /** Copies the list and the map. */
        public DeviceLinesChanged {
            lines = List.copyOf(lines);
            forwardAll = forwardAll == null ? Map.of() : Map.copyOf(forwardAll);
        }
    }

    /**
     * A supervisor's monitoring of an agent's call started, changed mode or stopped (JTAPI's monitoring events).
     *
     * @param device the supervisor's device
     * @param supervisorDn the supervisor's DN
     * @param agentDn the monitored DN
     * @param monitoredCallId the agent's call
     * @param monitoringCallId the supervisor's monitoring call (the monitored call itself for a barge)
     * @param mode the mode now
     * @param state STARTED, UPDATED or STOPPED
     * @param cause why it stopped ({@code REQUESTED}, {@code MONITORED_CALL_ENDED}, {@code SUPERVISOR_LEFT}), or null
     * @param correlation the correlation of the request that caused it, or 0
     */
    record MonitorChanged(String device, String supervisorDn, String agentDn, long monitoredCallId, long monitoringCallId,
            MonitorMode mode, String state, String cause, long correlation) implements SwitchEvent {
    }

    /**
     * A recording session of a party changed (CUCM's recording start, end and failed events).
     *
     * @param device the party's device
     * @param callId the call
     * @param dn the recorded party
     * @param recordingId the recording session's ID
     * @param state what happened
     * @param automatic whether the line records every call (not on an application's request)
     * @param cause why it stopped or failed ({@code REQUESTED}, {@code HELD}, {@code CALL_RELEASED}, {@code PHONE_RESET},
     *     {@code NO_MEDIA_SOURCE}, {@code RECORDER_UNREACHABLE}), or null when it started
     * @param recorder the recorder's number
     * @param correlation the correlation of the request that caused it, or 0
     */
    record RecordingChanged(String device, long callId, String dn, String recordingId, RecordingState state, boolean automatic,
            String cause, String recorder, long correlation) implements SwitchEvent {
    }

    /**
     * A device's Do Not Disturb status changed (CUCM {@code CiscoTermDNDStatusChangedEv}).
     *
     * @param device the device name
     * @param on the new status
     * @param option what DND does to callers on this device
     */
    record DoNotDisturbChanged(String device, boolean on, DndOption option) implements SwitchEvent {
    }

    /**
     * A directory number's Call Forward All was set or cancelled (JTAPI {@code CallCtlAddrForwardEv}).
     *
     * @param device the device the DN is on
     * @param dn the directory number
     * @param destination where its calls go now, or null when cancelled
     */
    record ForwardAllChanged(String device, String dn, String destination) implements SwitchEvent {
    }

    /**
     * A device the link controls was added at run time (configuration change), with its state.
     *
     * @param snapshot the device as the link sees it
     */
    record DeviceAdded(DeviceSnapshot snapshot) implements SwitchEvent {
        @Override
        public String device() {
            return snapshot.name();
        }
    }

    /**
     * A device the link controlled was removed at run time (configuration change): its DNs are on no device.
     *
     * @param device the device name
     */
    record DeviceRemoved(String device) implements SwitchEvent {
    }
}
