package io.drover.agent.process;

import io.drover.api.state.ProcessState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every change the supervisor reports, in delivery order, for assertions. */
final class RecordingListener implements ProcessListener {

    final List<ProcessSnapshot> changes = new CopyOnWriteArrayList<>();
    final List<ProcessKey> removed = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(ProcessSnapshot snapshot) {
        // the contract: per process, sequences arrive as 1, 2, 3... with nothing skipped or reordered
        Optional<ProcessSnapshot> previous = last(snapshot.key());
        long expected = previous.map(p -> p.sequence() + 1).orElse(snapshot.sequence());
        if (snapshot.sequence() != expected) {
            problems.add(snapshot.key() + ": sequence " + snapshot.sequence() + " after " + (expected - 1));
        }
        changes.add(snapshot);
    }

    @Override
    public void removed(ProcessKey key) {
        removed.add(key);
    }

    List<ProcessSnapshot> of(ProcessKey key) {
        List<ProcessSnapshot> result = new ArrayList<>();
        for (ProcessSnapshot change : changes) {
            if (change.key().equals(key)) {
                result.add(change);
            }
        }
        return result;
    }

    List<ProcessState> states(ProcessKey key) {
        return of(key).stream().map(ProcessSnapshot::state).toList();
    }

    Optional<ProcessSnapshot> last(ProcessKey key) {
        List<ProcessSnapshot> all = of(key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    ProcessState lastState(ProcessKey key) {
        return last(key).map(ProcessSnapshot::state).orElse(null);
    }

    long count(ProcessKey key, ProcessState state) {
        return of(key).stream().filter(s -> s.state() == state).count();
    }
}
