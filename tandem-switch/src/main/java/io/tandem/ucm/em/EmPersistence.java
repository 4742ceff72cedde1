package io.tandem.ucm.em;

/** Where logins are kept so that they survive a restart. */
public interface EmPersistence {

    /**
     * A user logged in (replacing any earlier row for the device) and is now the device's last login; {@code undo}
     * takes the in-memory login back if it cannot be written (switch thread; a no-op when superseded).
     */
    void loggedIn(EmLogin login, Runnable undo);

    /** The device's user logged out; {@code undo} as for {@link #loggedIn}. */
    void loggedOut(String device, Runnable undo);
}
