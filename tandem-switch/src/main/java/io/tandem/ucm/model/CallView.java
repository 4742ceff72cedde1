package io.tandem.ucm.model;

/**
 * A snapshot of one call for the switch control API.
 *
 * @param callId the switch call ID
 * @param calling the calling number
 * @param called the dialled number
 * @param alerting the party the switch offered the call to (a phone DN or a remote destination number), or null
 * @param device the called device, or null
 * @param state the call state
 * @param cause why it failed or ended (for example USER_BUSY), or null
 */
public record CallView(long callId, String calling, String called, String alerting, String device, CallState state, String cause) {
}
