package io.drover.cli.client.resource;

import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** How {@code drover get} reads and shows one kind of resource. */
public interface ResourceView {

    /** The singular name, as {@code -o name} prefixes it: application, process, node, ruleset, event. */
    String kind();

    /** The event-stream kinds whose changes may change what this view shows. */
    Set<String> watchedKinds();

    /** The resources, all or those {@code name} selects (null: all), sorted; a name that selects none is an error. */
    List<Item> list(ApiClient client, String name);

    /** Whether a resource that leaves the list was deleted (events only leave the window of the newest). */
    default boolean reportsDeletions() {
        return true;
    }

    /** {@code -o table} ({@code wide} false) or {@code -o wide}. */
    Table table(List<Item> items, boolean wide, Instant now);

    /** {@code -o supvisors}: the columns and values of Supvisors' XML-RPC answers, where it has an equivalent. */
    default Table supvisors(ApiClient client, List<Item> items, Instant now) {
        throw new ClientException(ExitCode.USAGE, "-o supvisors is available for applications and processes only");
    }
}
