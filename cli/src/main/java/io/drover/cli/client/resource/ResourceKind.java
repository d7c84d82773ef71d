package io.drover.cli.client.resource;

import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds {@code get} knows, by any of their names (plural, singular, short). */
public enum ResourceKind {
    APPLICATIONS(List.of("applications", "application", "apps", "app")),
    PROCESSES(List.of("processes", "process", "procs", "proc", "ps")),
    NODES(List.of("nodes", "node", "no")),
    RULESETS(List.of("rulesets", "ruleset", "rs")),
    EVENTS(List.of("events", "event", "ev"));

    private final List<String> names;

    ResourceKind(List<String> names) {
        this.names = names;
    }

    public String plural() {
        return names.get(0);
    }

    public static ResourceKind parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.names.contains(lower)).findFirst()
                .orElseThrow(() -> new ClientException(ExitCode.USAGE, "drover does not know the kind '" + text
                        + "'; the kinds are applications, processes, nodes, rulesets and events"));
    }

    public ResourceView view(int eventLimit) {
        return switch (this) {
            case APPLICATIONS -> new ApplicationsView();
            case PROCESSES -> new ProcessesView();
            case NODES -> new NodesView();
            case RULESETS -> new RuleSetsView();
            case EVENTS -> new EventsView(eventLimit);
        };
    }
}
