package io.tandem.ucm.em;

/** Where logins are kept so that they survive a restart. */
public interface EmPersistence {

    /** A user logged in (replacing any earlier row for the device) and is now the device's last login. */
    void loggedIn(EmLogin login);

    /** The device's user logged out. */
    void loggedOut(String device);
}
