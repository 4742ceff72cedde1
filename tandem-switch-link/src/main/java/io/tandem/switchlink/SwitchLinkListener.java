package io.tandem.switchlink;

/**
 * Receives what a switch reports on a link. Called on a switch thread, one call at a time, in the order
 * the switch produced the events; an implementation must not block.
 */
public interface SwitchLinkListener {

    /** A device event. */
    void onEvent(SwitchEvent event);

    /** The link closed (switch shut down, network failure, or {@link SwitchLink#close()}). */
    void onClosed(String reason);
}
