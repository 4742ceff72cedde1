package io.tandem.server.recording;

import io.tandem.server.ha.ReplicatedPart;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The recordings, replicated to the backup (the part "recordings"): after a switchover the new primary reports a running
 * recording with its RECORDING_ID and a paused one as paused, and stops either on request. Core thread only.
 */
public final class RecordingReplica extends ReplicatedPart<Recording, RecordingReplica.Change> {

    /**
     * One change: the recording of one party now.
     *
     * @param key the party (call and DN)
     * @param recording its recording now, or null when it ended
     */
    public record Change(String key, Recording recording) {
    }

    private final RecordingDesk desk;

    /** The replica of {@code desk}'s recordings. */
    public RecordingReplica(RecordingDesk desk) {
        super("recordings", Recording.class, Change.class);
        this.desk = desk;
        desk.onChange((key, recording) -> publish(new Change(key, recording)));
    }

    @Override
    public List<Recording> snapshot() {
        return desk.all();
    }

    @Override
    public int size() {
        return desk.all().size();
    }

    @Override
    public void replaceMirror(List<Recording> items) {
        desk.replaceAll(items);
    }

    @Override
    public void applyToMirror(Change change) {
        desk.apply(change.key(), change.recording());
    }

    @Override
    public int mirrored() {
        return desk.all().size();
    }

    @Override
    public CompletableFuture<String> takeOver() {
        return CompletableFuture.completedFuture(desk.all().size() + " recordings go on");
    }
}
