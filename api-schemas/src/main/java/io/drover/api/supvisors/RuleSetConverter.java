package io.drover.api.supvisors;

import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.Alias;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RuleSetSpec;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.source.SourceMap;
import io.drover.api.source.Sourced;
import io.drover.api.supvisors.binding.AliasElement;
import io.drover.api.supvisors.binding.ApplicationElement;
import io.drover.api.supvisors.binding.ProgramElement;
import io.drover.api.supvisors.binding.ProgramsElement;
import io.drover.api.supvisors.binding.RulesDocument;
import io.drover.api.supvisors.binding.ValueElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xml.sax.Locator;

/**
 * Builds the RuleSet of a valid rules document, and the source map that lets rule validation point back at the XML:
 * each value is recorded under the JSON pointer it would have in the YAML form of the RuleSet
 * ({@code /spec/applications/0/programs/2/reference}), at the line of the element that holds it.
 *
 * <p>Values are read as Supvisors reads them: an empty text element means "not set", lists are split on commas,
 * names, patterns and references are kept exactly as written (the empty pattern is the catch-all).
 */
final class RuleSetConverter {

    private final String file;
    private final SourceLocations where;
    private final Map<String, SourceLocation> locations = new HashMap<>();

    private RuleSetConverter(String file) {
        this.file = file;
        this.where = new SourceLocations(file);
    }

    /** Converts a document the schema and the shape checks found valid. */
    static Sourced<RuleSet> convert(RulesDocument document, String ruleSetName, String file) {
        return new RuleSetConverter(file).ruleSet(document, ruleSetName);
    }

    private Sourced<RuleSet> ruleSet(RulesDocument document, String ruleSetName) {
        SourceLocation root = where.of(document.location());
        locations.put("", root);
        locations.put("/spec", root);
        // the name comes from the file name, not from its content
        locations.put("/metadata", SourceLocation.of(file));
        locations.put("/metadata/name", SourceLocation.of(file));
        RuleSetSpec spec = new RuleSetSpec(
                listOrNull(aliases(document.aliases())),
                listOrNull(models(document.models())),
                listOrNull(applications(document.applications())));
        return new Sourced<>(RuleSet.of(ruleSetName, spec), new SourceMap(file, root, locations));
    }

    private List<Alias> aliases(List<AliasElement> elements) {
        List<Alias> aliases = new ArrayList<>();
        for (AliasElement element : elements) {
            String pointer = "/spec/aliases/" + aliases.size();
            record(pointer, element.location());
            record(pointer + "/name", element.location());
            record(pointer + "/identifiers", element.location());
            aliases.add(new Alias(element.name(), IdentifierLists.split(element.text())));
        }
        recordList("/spec/aliases", elements.isEmpty() ? null : elements.get(0).location());
        return aliases;
    }

    private List<ProgramRule> models(List<ProgramElement> elements) {
        List<ProgramRule> models = new ArrayList<>();
        for (ProgramElement element : elements) {
            models.add(programRule("/spec/models/" + models.size(), element));
        }
        recordList("/spec/models", elements.isEmpty() ? null : elements.get(0).location());
        return models;
    }

    private List<ApplicationRule> applications(List<ApplicationElement> elements) {
        List<ApplicationRule> applications = new ArrayList<>();
        for (ApplicationElement element : elements) {
            applications.add(applicationRule("/spec/applications/" + applications.size(), element));
        }
        recordList("/spec/applications", elements.isEmpty() ? null : elements.get(0).location());
        return applications;
    }

    private ApplicationRule applicationRule(String pointer, ApplicationElement element) {
        record(pointer, element.location());
        record(pointer + "/name", element.location());
        record(pointer + "/pattern", element.location());
        return new ApplicationRule(
                element.name(),
                element.pattern(),
                value(pointer, "distribution", element.distribution(), Distribution::valueOf),
                value(pointer, "identifiers", element.identifiers(), RuleSetConverter::identifiers),
                value(pointer, "startSequence", element.startSequence(), RuleSetConverter::integer),
                value(pointer, "stopSequence", element.stopSequence(), RuleSetConverter::integer),
                value(pointer, "startingStrategy", element.startingStrategy(), StartingStrategy::valueOf),
                value(pointer, "startingFailureStrategy", element.startingFailureStrategy(),
                        StartingFailureStrategy::valueOf),
                value(pointer, "runningFailureStrategy", element.runningFailureStrategy(),
                        RunningFailureStrategy::valueOf),
                value(pointer, "operationalStatus", element.operationalStatus(), RuleSetConverter::textOrNull),
                programs(pointer + "/programs", element.programs()));
    }

    private List<ProgramRule> programs(String pointer, ProgramsElement element) {
        if (element == null) {
            return null;
        }
        record(pointer, element.location());
        List<ProgramRule> programs = new ArrayList<>();
        for (ProgramElement program : element.programs()) {
            programs.add(programRule(pointer + "/" + programs.size(), program));
        }
        return programs;
    }

    private ProgramRule programRule(String pointer, ProgramElement element) {
        record(pointer, element.location());
        record(pointer + "/name", element.location());
        record(pointer + "/pattern", element.location());
        return new ProgramRule(
                element.name(),
                element.pattern(),
                value(pointer, "reference", element.reference(), RuleSetConverter::textOrNull),
                value(pointer, "identifiers", element.identifiers(), RuleSetConverter::identifiers),
                value(pointer, "startSequence", element.startSequence(), RuleSetConverter::integer),
                value(pointer, "stopSequence", element.stopSequence(), RuleSetConverter::integer),
                value(pointer, "required", element.required(), RuleSetConverter::bool),
                value(pointer, "waitExit", element.waitExit(), RuleSetConverter::bool),
                value(pointer, "expectedLoading", element.expectedLoading(), RuleSetConverter::integer),
                value(pointer, "startingFailureStrategy", element.startingFailureStrategy(),
                        StartingFailureStrategy::valueOf),
                value(pointer, "runningFailureStrategy", element.runningFailureStrategy(),
                        RunningFailureStrategy::valueOf));
    }

    /** The value of an optional child element, recording where it was written; null when the element is absent. */
    private <T> T value(String owner, String field, ValueElement element, Function<String, T> read) {
        if (element == null) {
            return null;
        }
        record(owner + "/" + field, element.location());
        return read.apply(element.text());
    }

    private void record(String pointer, Locator locator) {
        locations.put(pointer, where.of(locator));
    }

    private void recordList(String pointer, Locator first) {
        if (first != null) {
            record(pointer, first);
        }
    }

    private static <T> List<T> listOrNull(List<T> values) {
        return values.isEmpty() ? null : values;
    }

    // the schema has checked every lexical form below; XML Schema collapses whitespace around numbers and booleans

    private static Integer integer(String text) {
        return Integer.valueOf(text.strip());
    }

    private static Boolean bool(String text) {
        String value = text.strip();
        return "true".equals(value) || "1".equals(value);
    }

    /** Supvisors treats an empty element as absent. */
    private static String textOrNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static List<String> identifiers(String text) {
        return text.isEmpty() ? null : IdentifierLists.split(text);
    }
}
