/** Following changes: the event stream (or polling without it), waits for a state, live progress. */
package io.drover.cli.client.watch;
