package io.tandem.ucm.em;

/**
 * A user logged in to a phone.
 *
 * @param device the phone
 * @param userId the user
 * @param profile the device profile used
 * @param loginMillis when (epoch milliseconds)
 * @param logoutAtMillis when it ends by itself (epoch milliseconds), or null for never
 */
public record EmLogin(String device, String userId, String profile, long loginMillis, Long logoutAtMillis) {
}
