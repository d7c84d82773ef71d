/** The operator's REST API over {@link java.net.http.HttpClient}: JSON, problem+json errors, Server-Sent Events. */
package io.drover.cli.client.http;
