package io.drover.operator.election;

import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;

import java.util.List;
import java.util.function.Consumer;

/**
 * Watches the leader key (and only it: the watch is on a prefix, and other keys may share it) and reports each
 * state it goes through, with its revision, in order.
 */
final class LeaderKeyWatch implements AutoCloseable {

    private final ResilientWatch watch;

    private LeaderKeyWatch(ResilientWatch watch) {
        this.watch = watch;
    }

    static LeaderKeyWatch start(EtcdStore store, String leaderKey, String name, Consumer<LeaderKeyState> sink) {
        WatchListener listener = new WatchListener() {
            @Override
            public void onSnapshot(List<Versioned<String>> items, long revision) {
                sink.accept(items.stream()
                        .filter(item -> item.key().equals(leaderKey))
                        .findFirst()
                        .map(item -> new LeaderKeyState(leaderKey, true, item.createRevision(), item.leaseId(), item.value(), revision))
                        .orElse(LeaderKeyState.absent(leaderKey, revision)));
            }

            @Override
            public void onEvents(List<KeyEvent> events) {
                for (KeyEvent event : events) {
                    if (!event.key().equals(leaderKey)) {
                        continue;
                    }
                    sink.accept(event.isPut()
                            ? new LeaderKeyState(leaderKey, true, event.createRevision(), event.leaseId(), event.value(), event.modRevision())
                            : LeaderKeyState.absent(leaderKey, event.modRevision()));
                }
            }
        };
        return new LeaderKeyWatch(ResilientWatch.on(store, leaderKey).name("leader-" + name).start(listener));
    }

    @Override
    public void close() {
        watch.close();
    }
}
