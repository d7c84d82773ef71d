/** Regular expressions written for Python's {@code re} (as Supvisors rules files use them), compiled for Java. */
package io.drover.api.rules.regex;
