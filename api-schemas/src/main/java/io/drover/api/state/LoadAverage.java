package io.drover.api.state;

/**
 * The operating system's load averages (runnable plus waiting tasks), as {@code uptime} shows them.
 *
 * @param oneMinute     over the last minute
 * @param fiveMinutes   over the last five minutes
 * @param fifteenMinutes over the last fifteen minutes
 */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {
}
