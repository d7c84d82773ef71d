package io.drover.api.rules;

import io.drover.api.model.ProgramRule;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates the rules of one process the way Supvisors fills a {@code ProcessRules}: start from the defaults (with
 * the application's failure strategies), apply each layer in turn (deepest model first, the program last), each value
 * a layer writes replacing the current one, then run {@code check_dependencies}.
 *
 * <p>Identifiers follow {@code load_identifiers}: a layer that writes them resets {@code identifiers}, and sets
 * {@code at}/{@code hash} identifiers only when it uses {@code @}/{@code #}; a sign written by a deeper layer is not
 * cleared by a later plain list, exactly as in Supvisors. Out-of-range values are ignored (the previous value stays)
 * as Supvisors ignores them after an error log; each such case leaves a note.
 */
final class ProgramRulesBuilder {

    private final AliasTable aliases;
    private final List<String> notes = new ArrayList<>();
    private List<String> identifiers = List.of(Signs.WILDCARD);
    private List<String> atIdentifiers = List.of();
    private List<String> hashIdentifiers = List.of();
    private boolean identifiersWritten;
    private int startSequence;
    private int stopSequence = -1;
    private boolean required;
    private boolean waitExit;
    private int expectedLoading;
    private StartingFailureStrategy startingFailureStrategy;
    private RunningFailureStrategy runningFailureStrategy;

    ProgramRulesBuilder(AliasTable aliases, StartingFailureStrategy startingFailureStrategy,
                        RunningFailureStrategy runningFailureStrategy) {
        this.aliases = aliases;
        this.startingFailureStrategy = startingFailureStrategy;
        this.runningFailureStrategy = runningFailureStrategy;
    }

    /** Applies what {@code layer} writes; {@code what} names the layer in notes ("model model_services"). */
    ProgramRulesBuilder apply(ProgramRule layer, String what) {
        if (layer.identifiers() != null && !layer.identifiers().isEmpty()) {
            applyIdentifiers(layer.identifiers(), what);
        }
        if (layer.startSequence() != null) {
            if (layer.startSequence() >= 0) {
                startSequence = layer.startSequence();
            } else {
                notes.add("start_sequence " + layer.startSequence() + " of " + what + " ignored: it must be >= 0");
            }
        }
        if (layer.stopSequence() != null) {
            if (layer.stopSequence() >= 0) {
                stopSequence = layer.stopSequence();
            } else {
                notes.add("stop_sequence " + layer.stopSequence() + " of " + what + " ignored: it must be >= 0");
            }
        }
        if (layer.required() != null) {
            required = layer.required();
        }
        if (layer.waitExit() != null) {
            waitExit = layer.waitExit();
        }
        if (layer.expectedLoading() != null) {
            if (layer.expectedLoading() >= 0 && layer.expectedLoading() <= 100) {
                expectedLoading = layer.expectedLoading();
            } else {
                notes.add("expected_loading " + layer.expectedLoading() + " of " + what + " ignored: it must be between 0 and 100");
            }
        }
        if (layer.startingFailureStrategy() != null) {
            startingFailureStrategy = layer.startingFailureStrategy();
        }
        if (layer.runningFailureStrategy() != null) {
            runningFailureStrategy = layer.runningFailureStrategy();
        }
        return this;
    }

    /**
     * Applies a layer whose identifiers, when written, replace the current ones as a whole, signs included (the
     * rules an Application manifest writes: they override the rule sets field by field).
     */
    ProgramRulesBuilder applyOverriding(ProgramRule layer, String what) {
        if (layer.identifiers() != null && !layer.identifiers().isEmpty()) {
            atIdentifiers = List.of();
            hashIdentifiers = List.of();
        }
        return apply(layer, what);
    }

    private void applyIdentifiers(List<String> written, String what) {
        identifiersWritten = true;
        AliasTable.Expansion expansion = aliases.expand(written);
        expansion.unexpandedAliases().forEach(alias -> notes.add("alias '" + alias + "' in the identifiers of " + what
                + " is left unexpanded (an alias only expands aliases declared after it, once) and matches no node"));
        Signs signs = Signs.read(expansion.identifiers());
        if (signs.at()) {
            atIdentifiers = signs.remainder();
            identifiers = List.of();
        }
        if (signs.hash()) {
            hashIdentifiers = signs.remainder();
            identifiers = List.of();
        }
        if (!signs.at() && !signs.hash()) {
            identifiers = signs.remainder();
        }
    }

    /**
     * Supvisors' {@code ProcessRules.check_dependencies}. {@code signsAllowed} is false for a program selected by its
     * exact name: {@code @}/{@code #} only make sense for a family of processes, so Supvisors resets them to
     * {@code *}.
     */
    ProgramRulesBuilder finish(boolean signsAllowed) {
        if (!atIdentifiers.isEmpty() && !signsAllowed) {
            notes.add("'@' reset to '*': '@' only applies to a program selected by a pattern");
            identifiers = List.of(Signs.WILDCARD);
            atIdentifiers = List.of();
        }
        if (!hashIdentifiers.isEmpty() && !signsAllowed) {
            notes.add("'#' reset to '*': '#' only applies to a program selected by a pattern");
            identifiers = List.of(Signs.WILDCARD);
            hashIdentifiers = List.of();
        }
        if (!atIdentifiers.isEmpty() && !hashIdentifiers.isEmpty()) {
            notes.add("'#' dropped: '@' prevails when both are set");
            hashIdentifiers = List.of();
        }
        if (required && startSequence == 0) {
            notes.add("required forced to false: a required process needs a start_sequence > 0");
            required = false;
        }
        if (stopSequence < 0) {
            stopSequence = startSequence;
        }
        return this;
    }

    /** Whether any layer wrote identifiers (they are only used for placement in ALL_INSTANCES applications). */
    boolean identifiersWritten() {
        return identifiersWritten;
    }

    List<String> identifiers() {
        return identifiers;
    }

    List<String> atIdentifiers() {
        return atIdentifiers;
    }

    List<String> hashIdentifiers() {
        return hashIdentifiers;
    }

    int startSequence() {
        return startSequence;
    }

    int stopSequence() {
        return stopSequence;
    }

    boolean required() {
        return required;
    }

    boolean waitExit() {
        return waitExit;
    }

    int expectedLoading() {
        return expectedLoading;
    }

    StartingFailureStrategy startingFailureStrategy() {
        return startingFailureStrategy;
    }

    RunningFailureStrategy runningFailureStrategy() {
        return runningFailureStrategy;
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
