package io.tandem.ucm.model;

import java.util.ArrayList;
import java.util.List;

/** A {@link SwitchPersistence} for model tests: records each write as a line and keeps its undo. */
final class RecordingPersistence implements SwitchPersistence {

    final List<String> written = new ArrayList<>();
    final List<Runnable> undos = new ArrayList<>();

    private void write(String line, Runnable undo) {
        written.add(line);
        undos.add(undo);
    }

    @Override
    public void remoteDestinationAdded(String device, String name, String number, Runnable undo) {
        write("added " + device + " " + number, undo);
    }

    @Override
    public void remoteDestinationRemoved(String device, String number, Runnable undo) {
        write("removed " + device + " " + number, undo);
    }

    @Override
    public void serviceStateChanged(String device, boolean inService, Runnable undo) {
        write("service " + device + " " + inService, undo);
    }

    @Override
    public void doNotDisturbChanged(String holderKind, String holder, boolean on, Runnable undo) {
        write("dnd " + holderKind + " " + holder + " " + on, undo);
    }

    @Override
    public void forwardAllChanged(String dn, String destination, Runnable undo) {
        write("forward " + dn + " " + destination, undo);
    }
}
