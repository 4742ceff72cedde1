package io.tandem.server.call;

import io.tandem.protocol.KeyValueList;

/**
 * What only the primary knows about one live call: the ConnID it gave the call and the UserData attached
 * to it. The backup sees the call itself on its switch link and takes these over.
 *
 * @param callId the switch call ID
 * @param connId the primary's ConnID for it
 * @param userData the attached data
 */
public record LiveCall(long callId, String connId, KeyValueList userData) {

    /** Checks the fields. */
    public LiveCall {
        if (connId == null || connId.isBlank()) {
            throw new IllegalArgumentException("a live call needs a ConnID");
        }
        userData = userData == null ? KeyValueList.EMPTY : userData;
    }
}
