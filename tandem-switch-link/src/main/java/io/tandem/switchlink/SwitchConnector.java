package io.tandem.switchlink;

import java.util.concurrent.CompletableFuture;

/** Opens links to one switch. */
public interface SwitchConnector {

    /**
     * Opens a link as {@code credentials}.
     *
     * @return the open link, or a failure with a {@link SwitchException} ({@link SwitchError#AUTHENTICATION_FAILED},
     *     {@link SwitchError#LINK_DOWN})
     */
    CompletableFuture<SwitchLink> open(LinkCredentials credentials, SwitchLinkListener listener);

    /** Where the switch is, for logs and health reports. */
    String describe();
}
