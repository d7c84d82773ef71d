/**
 * The client verbs of {@code drover} ({@code apply}, {@code diff}, {@code delete}, {@code get}, {@code describe},
 * {@code start|stop|restart}, {@code logs}, {@code version}, {@code completion}, {@code config}): each talks to an
 * operator's REST API and ends with one {@link io.drover.cli.client.ExitCode}: 0 success, 1 error, 2 usage,
 * 3 not found, 4 conflict, 5 timeout; failures are one sentence on standard error.
 */
package io.drover.cli.client;
