package io.tandem.ucm.link;

import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchLinkListener;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a link hears, for tests. */
public final class RecordingListener implements SwitchLinkListener {

    private final LinkedBlockingQueue<SwitchEvent> events = new LinkedBlockingQueue<>();
    private volatile String closedReason;

    @Override
    public void onEvent(SwitchEvent event) {
        events.add(event);
    }

    @Override
    public void onClosed(String reason) {
        closedReason = reason;
    }

    /** The next event within 5 s. */
    public SwitchEvent next() throws InterruptedException {
        SwitchEvent event = events.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no switch event within 5 s");
        }
        return event;
    }

    /** Whether nothing is queued after a short wait. */
    public boolean quiet() throws InterruptedException {
        return events.poll(200, TimeUnit.MILLISECONDS) == null;
    }

    /** The events heard and not taken yet, taken now (without waiting). */
    public java.util.List<SwitchEvent> received() {
        java.util.List<SwitchEvent> taken = new java.util.ArrayList<>();
        events.drainTo(taken);
        return taken;
    }

    /** Why the link closed, or null. */
    public String closedReason() {
        return closedReason;
    }
}
