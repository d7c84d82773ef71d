package io.drover.cli.client;

import io.drover.api.store.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and how long it may last. */
public final class WaitOptions {

    @Option(names = "--wait",
            description = "Wait until it is done (RUNNING after apply, start and restart; STOPPED after stop), showing"
                    + " progress; exit 5 if --timeout elapses first.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long --wait waits, e.g. 90s or 10m (default ${DEFAULT-VALUE}).")
    Duration timeout;
}
