package io.tandem.ucm.config;

/** How the switch compares remote destination numbers. */
public final class RemoteNumbers {

    private RemoteNumbers() {
    }

    /**
     * The form used to decide whether two remote destination numbers are the same: a leading {@code +} is
     * ignored, so {@code +33612345678} and {@code 33612345678} are one number.
     */
    public static String normalize(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
