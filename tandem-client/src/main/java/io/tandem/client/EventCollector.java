package io.tandem.client;

import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that queues events so that a program or a test can take them in order. */
public final class EventCollector implements EventListener {

    private final LinkedBlockingQueue<Message> events = new LinkedBlockingQueue<>();
    private volatile String disconnectReason;

    @Override
    public void onEvent(Message event) {
        events.add(event);
    }

    @Override
    public void onDisconnected(String reason) {
        disconnectReason = reason;
    }

    /** The next event, waiting up to {@code timeout}; fails if none arrives. */
    public Message next(Duration timeout) {
        try {
            Message event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout.toMillis() + " ms");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event, which must be of {@code type}. */
    public Message next(MessageType type, Duration timeout) {
        Message event = next(timeout);
        if (event.type() != type) {
            throw new AssertionError("expected " + type.wireName() + " but got " + event);
        }
        return event;
    }

    /** Skips events until one of {@code type} arrives, and returns it. */
    public Message skipTo(MessageType type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message event = next(Duration.ofNanos(Math.max(left, 0)));
            if (event.type() == type) {
                return event;
            }
        }
    }

    /** Every event that arrives within {@code quiet}, until none arrives for that long. */
    public List<Message> drain(Duration quiet) {
        List<Message> drained = new ArrayList<>();
        try {
            Message event;
            while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                drained.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /** The events queued now, without waiting. */
    public List<Message> pending() {
        List<Message> now = new ArrayList<>();
        events.drainTo(now);
        return now;
    }

    /** Why the connection closed, or null. */
    public String disconnectReason() {
        return disconnectReason;
    }
}
