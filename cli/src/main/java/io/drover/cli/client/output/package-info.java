/** Text for people: aligned tables, colours on terminals only, short ages, unified diffs. */
package io.drover.cli.client.output;
