package io.tandem.server.dn;

import io.tandem.protocol.KeyValueList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DN's service state as clients are told it.
 *
 * @param inService whether it is in service
 * @param reason why it is out of service, or null
 * @param remoteDest the active remote destination number (remote terminals in service), or null
 * @param remoteName the active remote destination name, or null
 * @param emDevice the phone the DN is on through an Extension Mobility login, or null
 * @param emUser the user logged in there, or null
 */
public record ServiceView(boolean inService, OutOfServiceReason reason, String remoteDest, String remoteName, String emDevice,
        String emUser) {

    /** Extension key for the service state. */
    public static final String SERVICE_STATE = "SERVICE_STATE";
    /** Extension key for the out-of-service reason. */
    public static final String OOS_REASON = "OOS_REASON";
    /** Extension key for the remote destination number. */
    public static final String REMOTE_DEST = "REMOTE_DEST";
    /** Extension key for the remote destination name. */
    public static final String REMOTE_NAME = "REMOTE_NAME";
    /** Extension key for the phone an Extension Mobility login put the DN on. */
    public static final String EM_DEVICE = "EM_DEVICE";
    /** Extension key for the user logged in there. */
    public static final String EM_USER = "EM_USER";

    /** In service, with a remote destination or none. */
    public static ServiceView inService(String remoteDest, String remoteName) {
        return new ServiceView(true, null, remoteDest, remoteName, null, null);
    }

    /** In service on {@code device}, where {@code user} is logged in with Extension Mobility. */
    public static ServiceView inServiceLoggedIn(String device, String user) {
        return new ServiceView(true, null, null, null, device, user);
    }

    /** Out of service for {@code reason}. */
    public static ServiceView outOfService(OutOfServiceReason reason) {
        return new ServiceView(false, reason, null, null, null, null);
    }

    /** Extensions for EventRegistered: SERVICE_STATE, and OOS_REASON or REMOTE_DEST/REMOTE_NAME. */
    public KeyValueList snapshotExtensions() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(SERVICE_STATE, inService ? "InService" : "OutOfService");
        map.putAll(eventExtensions().entries());
        return new KeyValueList(map);
    }

    /** Extensions for EventDNBackInService / EventDNOutOfService. */
    public KeyValueList eventExtensions() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (inService) {
            if (remoteDest != null) {
                map.put(REMOTE_DEST, remoteDest);
                map.put(REMOTE_NAME, remoteName);
            }
            if (emUser != null) {
                map.put(EM_DEVICE, emDevice);
                map.put(EM_USER, emUser);
            }
        } else {
            map.put(OOS_REASON, reason.name());
        }
        return new KeyValueList(map);
    }
}
