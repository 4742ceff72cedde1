package io.tandem.server.request;

import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.core.CtiRequestException;

/** Checks of request attributes shared by the request handlers. */
final class RequestChecks {

    private RequestChecks() {
    }

    /** ThisDN, required and non-empty. */
    static String thisDn(Message request) {
        String dn = request.thisDn();
        if (dn == null || dn.isBlank()) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, request.name() + " requires ThisDN");
        }
        return dn;
    }

    /** An optional string extension; present but empty or not a string is an error. */
    static String optionalExtension(KeyValueList extensions, String key) {
        if (!extensions.containsKey(key)) {
            return null;
        }
        String value = extensions.getString(key).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                "Extensions." + key + " must be a string"));
        if (value.isBlank()) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "Extensions." + key + " must not be empty");
        }
        return value;
    }
}
