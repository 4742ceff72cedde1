package io.tandem.server.link;

import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.SwitchLinkListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the switch link open: opens it, reports it up or down, and retries with a growing delay
 * (from {@code retryMin} doubling to {@code retryMax}). Every callback runs on the core thread; callbacks
 * from a link that has since been replaced are ignored.
 */
public final class SwitchLinkSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchLinkSupervisor.class);

    /** What the core does when the link changes. Called on the core thread. */
    public interface Handler {
        /** The link is open. */
        void linkUp(SwitchLink link);

        /** The link closed or could not be opened. */
        void linkDown(String reason);

        /** A switch event arrived. */
        void event(SwitchEvent event);
    }

    private final SwitchConnector connector;
    private final LinkCredentials credentials;
    private final ScheduledExecutorService coreThread;
    private final Handler handler;
    private final Duration retryMin;
    private final Duration retryMax;
    private Duration nextDelay;
    private LinkState state = LinkState.WAITING;
    private SwitchLink current;
    private long generation;

    /** A supervisor for links opened with {@code connector} as {@code credentials}. */
    public SwitchLinkSupervisor(SwitchConnector connector, LinkCredentials credentials, ScheduledExecutorService coreThread,
            Handler handler, Duration retryMin, Duration retryMax) {
        this.connector = connector;
        this.credentials = credentials;
        this.coreThread = coreThread;
        this.handler = handler;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.nextDelay = retryMin;
    }

    /** Starts the first attempt. Core thread. */
    public void start() {
        connect();
    }

    /** The open link, if any. Core thread. */
    public Optional<SwitchLink> current() {
        return Optional.ofNullable(current);
    }

    /** The link state. Core thread. */
    public LinkState state() {
        return state;
    }

    /** Whether the link is open. Core thread. */
    public boolean isUp() {
        return state == LinkState.UP;
    }

    /** Closes the link and stops retrying. Core thread. */
    public void stop() {
        state = LinkState.STOPPED;
        generation++;
        if (current != null) {
            SwitchLink link = current;
            current = null;
            try {
                link.close();
            } catch (RuntimeException e) {
                LOG.debug("closing switch link: {}", e.toString());
            }
        }
    }

    private void connect() {
        if (state == LinkState.STOPPED) {
            return;
        }
        state = LinkState.CONNECTING;
        long attempt = ++generation;
        List<SwitchEvent> early = new ArrayList<>();
        connector.open(credentials, new SwitchLinkListener() {
            @Override
            public void onEvent(SwitchEvent event) {
                coreThread.execute(() -> {
                    if (attempt != generation) {
                        return;
                    }
                    if (state == LinkState.UP) {
                        handler.event(event);
                    } else {
                        early.add(event);
                    }
                });
            }

            @Override
            public void onClosed(String reason) {
                coreThread.execute(() -> closed(attempt, reason));
            }
        }).whenCompleteAsync((link, error) -> {
            if (attempt != generation) {
                if (link != null) {
                    link.close();
                }
                return;
            }
            if (error != null) {
                failed(SwitchException.unwrap(error).getMessage());
            } else {
                opened(link);
                // events the switch sent after its snapshot but before this callback ran
                early.forEach(handler::event);
                early.clear();
            }
        }, coreThread);
    }

    private void opened(SwitchLink link) {
        current = link;
        state = LinkState.UP;
        nextDelay = retryMin;
        LOG.info("switch link {} up to {} as '{}' ({} devices)", link.linkId(), connector.describe(),
                credentials.applicationUser(), link.devices().size());
        handler.linkUp(link);
    }

    private void failed(String reason) {
        LOG.warn("cannot open switch link to {}: {}; retrying in {} ms", connector.describe(), reason, nextDelay.toMillis());
        scheduleRetry();
    }

    private void closed(long attempt, String reason) {
        if (attempt != generation || state != LinkState.UP) {
            return;
        }
        LOG.warn("switch link to {} down: {}", connector.describe(), reason);
        current = null;
        state = LinkState.WAITING;
        handler.linkDown(reason);
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (state == LinkState.STOPPED) {
            return;
        }
        state = LinkState.WAITING;
        long delay = nextDelay.toMillis();
        nextDelay = nextDelay.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : nextDelay.multipliedBy(2);
        coreThread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }
}
