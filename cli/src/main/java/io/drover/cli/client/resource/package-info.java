/** How each kind of resource is read from the operator and shown: table, wide, and Supvisors' field names. */
package io.drover.cli.client.resource;
