package io.drover.api.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a watch delivers, and on which threads, for assertions. */
final class RecordingListener implements WatchListener {

    record Snapshot(List<Versioned<String>> items, long revision) {
    }

    final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
    final List<KeyEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(List<Versioned<String>> items, long revision) {
        threads.add(Thread.currentThread().getName());
        snapshots.add(new Snapshot(items, revision));
    }

    @Override
    public void onEvents(List<KeyEvent> batch) {
        threads.add(Thread.currentThread().getName());
        events.addAll(batch);
    }

    long lastRevision() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).modRevision();
    }

    List<Long> revisions() {
        return events.stream().map(KeyEvent::modRevision).toList();
    }

    /** Events after the first {@code skip}, as "PUT key" / "DELETE key". */
    List<String> described(int skip) {
        List<String> out = new ArrayList<>();
        for (KeyEvent e : events.subList(skip, events.size())) {
            out.add(e.type() + " " + e.key());
        }
        return out;
    }
}
