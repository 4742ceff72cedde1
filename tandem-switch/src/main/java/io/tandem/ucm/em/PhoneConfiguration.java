package io.tandem.ucm.em;

import io.tandem.ucm.config.SwitchConfig;
import java.util.List;

/**
 * What a phone is configured with now: its logout configuration, or the configuration a user's login gave it.
 *
 * @param device the phone
 * @param model its model
 * @param userId the logged-in user, or null
 * @param profile the device profile in effect (the logout profile, or the user's), or null for the phone's own
 * @param lines the directory numbers on its lines
 * @param settings the rest of the configuration
 * @param loggedInSince when the user logged in (ISO-8601), or null
 * @param automaticLogoutAt when the login ends by itself (ISO-8601), or null
 */
public record PhoneConfiguration(String device, String model, String userId, String profile, List<String> lines,
        SwitchConfig.ProfileSettings settings, String loggedInSince, String automaticLogoutAt) {

    /** Copies the list. */
    public PhoneConfiguration {
        lines = List.copyOf(lines);
    }
}
