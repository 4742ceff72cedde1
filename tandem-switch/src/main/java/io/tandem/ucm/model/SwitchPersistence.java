package io.tandem.ucm.model;

/** Where the model writes the state that must survive a restart. */
public interface SwitchPersistence {

    /** A remote destination was added at run time. */
    void remoteDestinationAdded(String device, String name, String number);

    /** A remote destination was removed. */
    void remoteDestinationRemoved(String device, String number);

    /** A device's service state changed. */
    void serviceStateChanged(String device, boolean inService);
}
