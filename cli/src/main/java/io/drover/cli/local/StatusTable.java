package io.drover.cli.local;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The live view {@code drover up} prints: each application's state, then where each of its processes runs. */
final class StatusTable {

    private StatusTable() {
    }

    static String render(EtcdStore store, Keyspace keyspace) {
        Map<String, List<String>> processes = new TreeMap<>();
        for (Versioned<ProcessStatus> process : store.list(keyspace.processesPrefix(), ProcessStatus.class).items()) {
            keyspace.parse(process.key()).filter(ParsedKey.ProcessKey.class::isInstance)
                    .map(k -> ((ParsedKey.ProcessKey) k).process())
                    .ifPresent(ref -> processes.computeIfAbsent(ref.application(), a -> new ArrayList<>())
                            .add(String.format("    %-32s %-10s %s", ref.process(), ref.node(), process.value().state())));
        }
        StringBuilder out = new StringBuilder(String.format("%-24s %-9s %s%n", "APPLICATION", "STATE", "FAILURE"));
        Map<String, ApplicationStatus> statuses = new TreeMap<>();
        for (Versioned<ApplicationStatus> status : store.list(keyspace.applicationStatusesPrefix(), ApplicationStatus.class).items()) {
            keyspace.parse(status.key()).filter(ParsedKey.ApplicationStatusKey.class::isInstance)
                    .ifPresent(k -> statuses.put(((ParsedKey.ApplicationStatusKey) k).application(), status.value()));
        }
        statuses.forEach((application, status) -> {
            String failure = status.majorFailure() ? "major" : status.minorFailure() ? "minor" : "-";
            out.append(String.format("%-24s %-9s %s%n", application, status.state(), failure));
            List<String> lines = processes.getOrDefault(application, List.of());
            lines.stream().sorted().forEach(line -> out.append(line).append(System.lineSeparator()));
        });
        return out.toString();
    }
}
