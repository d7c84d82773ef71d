/**
 * Where the client connects: named contexts in {@code config.yaml} (as a kubeconfig), overridden by environment
 * variables, overridden by options.
 */
package io.drover.cli.client.config;
