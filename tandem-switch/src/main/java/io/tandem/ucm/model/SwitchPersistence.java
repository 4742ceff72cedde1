package io.tandem.ucm.model;

/**
 * Where the model writes the state that must survive a restart. Writes may complete after the call returns (off the
 * switch thread); each comes with the {@code undo} that takes the in-memory change back if it cannot be written,
 * run on the switch thread, and a no-op when the change has been superseded meanwhile.
 */
public interface SwitchPersistence {

    /** A remote destination was added at run time. */
    void remoteDestinationAdded(String device, String name, String number, Runnable undo);

    /** A remote destination was removed. */
    void remoteDestinationRemoved(String device, String number, Runnable undo);

    /** A device's service state changed. */
    void serviceStateChanged(String device, boolean inService, Runnable undo);

    /**
     * A Do Not Disturb status changed; {@code holderKind} is {@code device} (the phone's own status) or {@code profile}
     * (the status of the device profile a user is logged in with).
     */
    void doNotDisturbChanged(String holderKind, String holder, boolean on, Runnable undo);

    /** A directory number's Call Forward All was set ({@code destination}) or cancelled (null). */
    void forwardAllChanged(String dn, String destination, Runnable undo);
}
