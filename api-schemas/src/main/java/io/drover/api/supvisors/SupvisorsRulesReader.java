package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.supvisors.binding.RulesDocument;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Supvisors rules file, unchanged, into a drover {@link RuleSet}.
 *
 * <p>The file is validated against drover's copy of Supvisors' rules.xsd: what Supvisors' schema accepts is read
 * and what it refuses is refused, with all problems at once, each a diagnostic with file:line:column and a hint.
 * On top of the schema, an application or a program needs exactly one of name and pattern and a model needs a name
 * (Supvisors' XSD 1.0 cannot say so). Parsing is hardened: files over {@link #MAX_BYTES} are refused before parsing,
 * a DOCTYPE is refused (so no entity is ever expanded and no other file is ever read), XInclude is off, and nesting
 * is bounded.
 *
 * <p>The reader checks the XML only. Whether the rules make sense (models that exist, valid regular expressions,
 * alias order...) is for rule validation, which finds its way back to the XML through the returned source map.
 * Instances are stateless and thread-safe.
 */
public final class SupvisorsRulesReader {

    /** The largest rules file read, in bytes. */
    public static final int MAX_BYTES = RawContent.MAX_BYTES;

    /** Reads {@code file}, naming the RuleSet after the file ({@link #defaultRuleSetName}). */
    public Sourced<RuleSet> read(Path file) {
        return read(file, defaultRuleSetName(fileNameOf(file)));
    }

    /** Reads {@code file} into a RuleSet named {@code ruleSetName}. */
    public Sourced<RuleSet> read(Path file, String ruleSetName) {
        Objects.requireNonNull(file, "file");
        return read(RulesFiles.read(file), file.toString(), ruleSetName);
    }

    /**
     * Reads rules that are already in memory; {@code fileName} names them in diagnostics and gives the RuleSet its
     * name.
     */
    public Sourced<RuleSet> read(byte[] content, String fileName) {
        return read(content, fileName, defaultRuleSetName(fileName));
    }

    /**
     * Reads rules that are already in memory into a RuleSet named {@code ruleSetName}.
     *
     * @throws InvalidInputException carrying every problem found, when the file is not a valid rules file
     */
    public Sourced<RuleSet> read(byte[] content, String fileName, String ruleSetName) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(ruleSetName, "ruleSetName");
        RawContent.problem(content, fileName).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        Diagnostics diagnostics = new Diagnostics();
        Optional<RulesDocument> document = RulesUnmarshaller.unmarshal(content, fileName, diagnostics);
        document.ifPresent(d -> XmlShapeChecks.check(d, new SourceLocations(fileName), diagnostics));
        if (document.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(new SourceLocation(fileName, 1, 1), "the file has no <root> element",
                    "a rules file has <root> as its outermost element");
        }
        if (diagnostics.hasErrors()) {
            throw new InvalidInputException(inFileOrder(diagnostics.all()));
        }
        return RuleSetConverter.convert(document.orElseThrow(), ruleSetName, fileName);
    }

    /**
     * The RuleSet name of a file when none is given: the file name without directory and extension, with every
     * character a name may not hold replaced by '-' ({@code etc/supvisors_rules_mc.xml} gives
     * {@code supvisors_rules_mc}).
     */
    public static String defaultRuleSetName(String fileName) {
        return RuleSetNames.fromFileName(fileName);
    }

    /**
     * Schema and shape problems are found in two passes; a user reads them top to bottom, with the notes about the
     * whole file last.
     */
    private static List<Diagnostic> inFileOrder(List<Diagnostic> diagnostics) {
        Comparator<Diagnostic> byPosition = Comparator
                .comparing((Diagnostic d) -> d.location().line() <= 0)
                .thenComparingInt(d -> d.location().line())
                .thenComparingInt(d -> d.location().column());
        return diagnostics.stream().sorted(byPosition).toList();
    }

    private static String fileNameOf(Path file) {
        Path name = Objects.requireNonNull(file, "file").getFileName();
        return name == null ? "" : name.toString();
    }
}
