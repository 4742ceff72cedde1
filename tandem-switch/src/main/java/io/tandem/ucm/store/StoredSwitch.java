package io.tandem.ucm.store;

import io.tandem.ucm.config.SwitchConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything the switch keeps in its database.
 *
 * @param config the configuration
 * @param addedDestinations remote destinations added at run time, by device, in the order they were added
 * @param serviceStates device service states, by device
 * @param diversions Do Not Disturb statuses and Call Forward All destinations
 */
public record StoredSwitch(SwitchConfig config, Map<String, List<SwitchConfig.RemoteDestination>> addedDestinations,
        Map<String, Boolean> serviceStates, io.tandem.ucm.model.Diversions diversions) {
}
