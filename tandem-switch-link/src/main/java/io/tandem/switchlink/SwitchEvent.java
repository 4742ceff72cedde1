package io.tandem.switchlink;

import java.util.List;
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
}
