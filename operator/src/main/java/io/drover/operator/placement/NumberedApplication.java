package io.drover.operator.placement;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application-level {@code #} that the rule resolver could not resolve because it is combined with {@code *} and
 * no node was known then: the application named {@code .._N} runs on the Nth alive node (N−1 modulo their number),
 * as Supvisors' {@code check_hash_identifiers} does with the instances it knows.
 */
public final class NumberedApplication {

    private static final Pattern NUMBERED = Pattern.compile(".*[-_]([0-9]+)");

    private NumberedApplication() {
    }

    /** The node for {@code applicationName} among {@code aliveNodeIds}, or empty when the name has no usable number. */
    public static Optional<String> node(String applicationName, List<String> aliveNodeIds) {
        Matcher matcher = NUMBERED.matcher(applicationName);
        if (!matcher.matches() || aliveNodeIds.isEmpty()) {
            return Optional.empty();
        }
        BigInteger index = new BigInteger(matcher.group(1)).subtract(BigInteger.ONE);
        if (index.signum() < 0) {
            return Optional.empty();
        }
        return Optional.of(aliveNodeIds.get(index.mod(BigInteger.valueOf(aliveNodeIds.size())).intValueExact()));
    }
}
