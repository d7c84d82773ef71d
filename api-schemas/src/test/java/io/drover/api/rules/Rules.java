package io.drover.api.rules;

import io.drover.api.model.Alias;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RuleSetSpec;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.source.Sourced;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders that keep rule sets in tests as short as the XML they mirror. */
final class Rules {

    private Rules() {
    }

    static Sourced<RuleSet> ruleSet(String name, List<Alias> aliases, List<ProgramRule> models, List<ApplicationRule> applications) {
        return Sourced.generated(RuleSet.of(name, new RuleSetSpec(aliases, models, applications)), name + ".xml");
    }

    static Sourced<RuleSet> ruleSet(String name, ApplicationRule... applications) {
        return ruleSet(name, List.of(), List.of(), List.of(applications));
    }

    static Alias alias(String name, String... identifiers) {
        return new Alias(name, List.of(identifiers));
    }

    static List<String> ids(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
    }

    static ProgramBuilder model(String name) {
        return new ProgramBuilder().name(name);
    }

    static ProgramBuilder program(String name) {
        return new ProgramBuilder().name(name);
    }

    static ProgramBuilder programPattern(String pattern) {
        return new ProgramBuilder().pattern(pattern);
    }

    static ApplicationBuilder application(String name) {
        return new ApplicationBuilder().name(name);
    }

    static ApplicationBuilder applicationPattern(String pattern) {
        return new ApplicationBuilder().pattern(pattern);
    }

    static final class ProgramBuilder {
        private String name;
        private String pattern;
        private String reference;
        private List<String> identifiers;
        private Integer startSequence;
        private Integer stopSequence;
        private Boolean required;
        private Boolean waitExit;
        private Integer expectedLoading;
        private StartingFailureStrategy startingFailureStrategy;
        private RunningFailureStrategy runningFailureStrategy;

        ProgramBuilder name(String value) {
            name = value;
            return this;
        }

        ProgramBuilder pattern(String value) {
            pattern = value;
            return this;
        }

        ProgramBuilder reference(String value) {
            reference = value;
            return this;
        }

        /** Identifiers as the XML text writes them, comma separated. */
        ProgramBuilder identifiers(String commaSeparated) {
            identifiers = ids(commaSeparated);
            return this;
        }

        ProgramBuilder identifierList(List<String> value) {
            identifiers = value;
            return this;
        }

        ProgramBuilder startSequence(int value) {
            startSequence = value;
            return this;
        }

        ProgramBuilder stopSequence(int value) {
            stopSequence = value;
            return this;
        }

        ProgramBuilder required(boolean value) {
            required = value;
            return this;
        }

        ProgramBuilder waitExit(boolean value) {
            waitExit = value;
            return this;
        }

        ProgramBuilder expectedLoading(int value) {
            expectedLoading = value;
            return this;
        }

        ProgramBuilder startingFailureStrategy(StartingFailureStrategy value) {
            startingFailureStrategy = value;
            return this;
        }

        ProgramBuilder runningFailureStrategy(RunningFailureStrategy value) {
            runningFailureStrategy = value;
            return this;
        }

        ProgramRule build() {
            return new ProgramRule(name, pattern, reference, identifiers, startSequence, stopSequence, required, waitExit,
                    expectedLoading, startingFailureStrategy, runningFailureStrategy);
        }
    }

    static final class ApplicationBuilder {
        private String name;
        private String pattern;
        private Distribution distribution;
        private List<String> identifiers;
        private Integer startSequence;
        private Integer stopSequence;
        private StartingStrategy startingStrategy;
        private StartingFailureStrategy startingFailureStrategy;
        private RunningFailureStrategy runningFailureStrategy;
        private String operationalStatus;
        private final List<ProgramRule> programs = new ArrayList<>();

        ApplicationBuilder name(String value) {
            name = value;
            return this;
        }

        ApplicationBuilder pattern(String value) {
            pattern = value;
            return this;
        }

        ApplicationBuilder distribution(Distribution value) {
            distribution = value;
            return this;
        }

        ApplicationBuilder identifiers(String commaSeparated) {
            identifiers = ids(commaSeparated);
            return this;
        }

        ApplicationBuilder startSequence(int value) {
            startSequence = value;
            return this;
        }

        ApplicationBuilder stopSequence(int value) {
            stopSequence = value;
            return this;
        }

        ApplicationBuilder startingStrategy(StartingStrategy value) {
            startingStrategy = value;
            return this;
        }

        ApplicationBuilder startingFailureStrategy(StartingFailureStrategy value) {
            startingFailureStrategy = value;
            return this;
        }

        ApplicationBuilder runningFailureStrategy(RunningFailureStrategy value) {
            runningFailureStrategy = value;
            return this;
        }

        ApplicationBuilder operationalStatus(String value) {
            operationalStatus = value;
            return this;
        }

        ApplicationBuilder programs(ProgramBuilder... values) {
            Arrays.stream(values).map(ProgramBuilder::build).forEach(programs::add);
            return this;
        }

        ApplicationRule build() {
            return new ApplicationRule(name, pattern, distribution, identifiers, startSequence, stopSequence,
                    startingStrategy, startingFailureStrategy, runningFailureStrategy, operationalStatus,
                    programs.isEmpty() ? null : List.copyOf(programs));
        }
    }
}
