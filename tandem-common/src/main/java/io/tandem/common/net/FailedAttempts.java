package io.tandem.common.net;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per remote address, so that guessing slows down: after {@link #FREE} failures an
 * address must wait before it may try again, twice as long after every further failure (1 s, 2 s, 4 s … at most
 * {@link #MAX_WAIT_MS}). An address that stops failing for ten minutes is forgotten. Bounded to
 * {@link #MAX_ADDRESSES} addresses (the least recently seen is forgotten first). Thread-safe.
 */
public final class FailedAttempts {

    /** Failures an address may have before it must wait. */
    public static final int FREE = 3;
    /** The longest wait. */
    public static final long MAX_WAIT_MS = 60_000;
    /** Addresses remembered at most. */
    public static final int MAX_ADDRESSES = 10_000;
    private static final long FORGET_MS = 600_000;

    private record Failures(int count, long lastAt) {
    }

    private final Clock clock;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    private final int free;

    /** Failures timed by {@code clock}; {@link #FREE} failures are free. */
    public FailedAttempts(Clock clock) {
        this(clock, FREE);
    }

    /** Failures timed by {@code clock}; {@code free} failures are free. */
    public FailedAttempts(Clock clock, int free) {
        this.clock = clock;
        this.free = free;
    }

    /** How many milliseconds {@code address} must still wait before it may try again; 0 when it may. */
    public synchronized long waitMillis(String address) {
        Failures f = byAddress.get(address);
        long now = clock.millis();
        if (f == null) {
            return 0;
        }
        if (now - f.lastAt() > FORGET_MS) {
            byAddress.remove(address);
            return 0;
        }
        if (f.count() < free) {
            return 0;
        }
        long wait = Math.min(MAX_WAIT_MS, 1000L << Math.min(16, f.count() - free));
        return Math.max(0, f.lastAt() + wait - now);
    }

    /** {@code address} failed once more. */
    public synchronized void failed(String address) {
        Failures f = byAddress.get(address);
        byAddress.put(address, new Failures(f == null ? 1 : f.count() + 1, clock.millis()));
    }

    /** {@code address} authenticated: its failures are forgotten. */
    public synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
