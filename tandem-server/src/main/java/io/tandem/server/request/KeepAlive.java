package io.tandem.server.request;

import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.server.core.CtiRequestException;
import java.time.Duration;

/**
 * The keep-alive a client asks for in RequestRegisterClient's Extensions (dead-client detection, the role of Genesys
 * ADDP): {@code KEEPALIVE_INTERVAL}, milliseconds of silence after which the server polls with Ping, and
 * {@code KEEPALIVE_TIMEOUT}, milliseconds it then waits for anything from the client before it closes the connection
 * (default: the interval). Both within {@link #MIN_MILLIS}–{@link #MAX_MILLIS}.
 *
 * @param interval silence before a poll
 * @param timeout how long an answer may take
 */
record KeepAlive(Duration interval, Duration timeout) {

    /** The Extensions key of the interval. */
    static final String INTERVAL = "KEEPALIVE_INTERVAL";
    /** The Extensions key of the timeout. */
    static final String TIMEOUT = "KEEPALIVE_TIMEOUT";
    /** The shortest interval or timeout accepted, in milliseconds. */
    static final long MIN_MILLIS = 100;
    /** The longest interval or timeout accepted, in milliseconds (one hour, as ADDP's 3600 s). */
    static final long MAX_MILLIS = 3_600_000;

    /** The keep-alive asked for in {@code extensions}, null when none; a bad value is refused with 53 naming it. */
    static KeepAlive of(KeyValueList extensions) {
        if (!extensions.containsKey(INTERVAL)) {
            if (extensions.containsKey(TIMEOUT)) {
                throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, TIMEOUT + " needs " + INTERVAL);
            }
            return null;
        }
        long interval = millis(extensions, INTERVAL);
        long timeout = extensions.containsKey(TIMEOUT) ? millis(extensions, TIMEOUT) : interval;
        return new KeepAlive(Duration.ofMillis(interval), Duration.ofMillis(timeout));
    }

    private static long millis(KeyValueList extensions, String key) {
        Object value = extensions.get(key).orElseThrow();
        long millis;
        try {
            millis = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, key + " must be a number of milliseconds, not '" + value + "'");
        }
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, key + " must be " + MIN_MILLIS + "–" + MAX_MILLIS
                    + " milliseconds, not " + millis);
        }
        return millis;
    }

    /** The Extensions of EventServerConnected that confirm it. */
    KeyValueList extensions() {
        return KeyValueList.EMPTY.with(INTERVAL, interval.toMillis()).with(TIMEOUT, timeout.toMillis());
    }
}
