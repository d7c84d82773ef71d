package io.drover.api.state;

/**
 * Resources one process uses, as measured by its node agent.
 *
 * @param cpu      CPU used, as a fraction of one core (1.0 = one core busy)
 * @param rssBytes resident memory in bytes
 */
public record ProcessUsage(double cpu, long rssBytes) {
}
