package io.drover.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.manifest.ApplicationSets;
import io.drover.api.manifest.InputFormat;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.ObjectMeta;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Guards;
import io.drover.api.store.Versioned;
import io.drover.api.supervisor.SupervisorImporter;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code PUT /api/v1/apply}: reads a body in any of drover's input languages, checks it as {@code drover validate}
 * does (every diagnostic at once, nothing written on error), then writes rule sets, application sets and
 * applications through etcd with compare-and-set, or with {@code dryRun} only says what would change.
 *
 * <p>Optimistic concurrency: a resource may name the revision it was read at, in the annotation
 * {@value #RESOURCE_VERSION_ANNOTATION} (or the request's {@code resourceVersion} when it holds one resource; 0 means
 * "must not exist yet"). A stale one is a conflict. Without it, the write is still conditioned on the revision read
 * while comparing, so a concurrent change between comparison and write is a conflict too, never a lost update.
 */
final class Applier {

    /** Annotation carrying the resourceVersion a resource was read at; never stored. */
    static final String RESOURCE_VERSION_ANNOTATION = "drover.io/resource-version";

    private static final Pattern INCLUDE_SECTION = Pattern.compile("(?im)^\\s*\\[\\s*include\\s*]");
    private static final int OPS_PER_TXN = 100;

    private final EtcdStore store;
    private final Keyspace keys;
    private final DryRunPreview preview;
    private final ObjectMapper mapper = Json.mapper();
    /** How a dry run shows resources in its diff: the YAML users write. */
    private final ObjectMapper yaml = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    /** @param preview how a dry run previews placements; null for none */
    Applier(EtcdStore store, Keyspace keys, DryRunPreview preview) {
        this.store = store;
        this.keys = keys;
        this.preview = preview;
    }

    /** One resource of the request and what applying it does. */
    private record Change(String kind, String name, String key, Object value, Optional<Versioned<String>> current,
                          Long expected, String action) {
        long currentRevision() {
            return current.map(Versioned::modRevision).orElse(0L);
        }
    }

    Map<String, Object> apply(byte[] body, InputFormat format, String fileName, Long requestResourceVersion,
                              boolean dryRun) {
        LoadedInputs inputs = read(body, format, fileName);
        List<Change> changes = new ArrayList<>();
        for (Sourced<RuleSet> ruleSet : inputs.ruleSets()) {
            RuleSet value = ruleSet.value();
            Long expected = expectedRevision(value.metadata(), value.name());
            RuleSet stored = new RuleSet(value.apiVersion(), value.kind(), withoutVersion(value.metadata()), value.spec());
            changes.add(change(RuleSet.KIND, value.name(), keys.ruleSet(value.name()), stored, expected));
        }
        for (Sourced<ApplicationSet> set : inputs.applicationSets()) {
            ApplicationSet value = set.value();
            Long expected = expectedRevision(value.metadata(), value.name());
            ApplicationSet stored = new ApplicationSet(value.apiVersion(), value.kind(), withoutVersion(value.metadata()),
                    value.spec());
            changes.add(change("ApplicationSet", value.name(), keys.applicationSet(value.name()), stored, expected));
            for (Application application : ApplicationSets.expand(stored)) {
                changes.add(change(Application.KIND, application.name(), keys.application(application.name()),
                        application, null));
            }
        }
        for (Sourced<Application> application : inputs.applications()) {
            Application value = application.value();
            Long expected = expectedRevision(value.metadata(), value.name());
            Application stored = Application.of(withoutVersion(value.metadata()), value.spec());
            changes.add(change(Application.KIND, value.name(), keys.application(value.name()), stored, expected));
        }
        if (requestResourceVersion != null) {
            if (changes.size() != 1) {
                throw ApiProblem.invalid("the resourceVersion parameter needs a body with exactly one resource; this one"
                        + " has " + changes.size() + ". Put the annotation " + RESOURCE_VERSION_ANNOTATION
                        + " on each resource instead");
            }
            Change only = changes.get(0);
            changes.set(0, new Change(only.kind(), only.name(), only.key(), only.value(), only.current(),
                    requestResourceVersion, only.action()));
        }
        for (Change change : changes) {
            if (change.expected() != null && change.expected() != change.currentRevision()) {
                throw ApiProblem.conflict(change.kind() + " '" + change.name() + "' is at resourceVersion "
                        + change.currentRevision() + ", not " + change.expected()
                        + (change.currentRevision() == 0 ? " (it does not exist)" : "")
                        + "; read it again, then apply your change to what is there now");
            }
        }
        long revision = dryRun ? 0 : write(changes);
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Change change : changes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", change.kind());
            item.put("name", change.name());
            item.put("action", change.action());
            long version = !dryRun && !"unchanged".equals(change.action()) ? revision : change.currentRevision();
            if (version > 0) {
                item.put("resourceVersion", version);
            }
            if (dryRun && !"unchanged".equals(change.action())) {
                item.put("diff", diff(change));
            }
            resources.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dryRun", dryRun);
        result.put("resources", resources);
        if (dryRun && preview != null) {
            // what would start where: the diff says what changes, this says what it does to the cluster
            List<RuleSet> appliedRuleSets = new ArrayList<>();
            List<Application> appliedApplications = new ArrayList<>();
            for (Change change : changes) {
                if (change.value() instanceof RuleSet ruleSet) {
                    appliedRuleSets.add(ruleSet);
                } else if (change.value() instanceof Application application) {
                    appliedApplications.add(application);
                }
            }
            try {
                result.put("placementPreview", preview.of(appliedRuleSets, appliedApplications));
            } catch (RuntimeException e) {
                result.put("placementPreview", List.of());
                result.put("placementPreviewProblem", "no preview: " + e.getMessage());
            }
        }
        result.put("warnings", inputs.warnings().stream().map(d -> view(relocate(d, null, fileName))).toList());
        return result;
    }

    private Change change(String kind, String name, String key, Object value, Long expected) {
        Optional<Versioned<String>> current = store.getRaw(key);
        String action;
        if (current.isEmpty()) {
            action = "created";
        } else {
            action = sameJson(current.get().value(), value) ? "unchanged" : "changed";
        }
        return new Change(kind, name, key, value, current, expected, action);
    }

    /** A unified diff of the resource as YAML, stored (--- ) against applied (+++ ); empty lines for a new one. */
    private List<String> diff(Change change) {
        try {
            List<String> before = change.current().isEmpty() ? List.of()
                    : yaml.writeValueAsString(mapper.readTree(change.current().get().value())).lines().toList();
            List<String> after = yaml.writeValueAsString(mapper.valueToTree(change.value())).lines().toList();
            return io.drover.api.diff.LineDiff.unified(before, after);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private boolean sameJson(String stored, Object value) {
        try {
            JsonNode before = mapper.readTree(stored);
            JsonNode after = mapper.readTree(mapper.writeValueAsString(value));
            return before.equals(after);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Writes the changed resources, rule sets first, each conditioned on the revision compared against. */
    private long write(List<Change> changes) {
        List<Change> writes = changes.stream()
                .filter(c -> !"unchanged".equals(c.action()) || c.expected() != null)
                .sorted(Comparator.comparingInt(c -> RuleSet.KIND.equals(c.kind()) ? 0
                        : "ApplicationSet".equals(c.kind()) ? 1 : 2))
                .toList();
        long revision = 0;
        for (int from = 0; from < writes.size(); from += OPS_PER_TXN) {
            List<Change> batch = writes.subList(from, Math.min(writes.size(), from + OPS_PER_TXN));
            List<Cmp> conditions = new ArrayList<>();
            List<Op> ops = new ArrayList<>();
            for (Change change : batch) {
                conditions.add(change.current().isPresent()
                        ? Guards.modRevisionIs(change.key(), change.currentRevision())
                        : Guards.absent(change.key()));
                if (!"unchanged".equals(change.action())) {
                    ops.add(store.putOp(change.key(), change.value(), 0));
                }
            }
            TxnResponse response = store.txn("apply", conditions, ops, List.of());
            if (!response.isSucceeded()) {
                throw ApiProblem.conflict("a resource of this request changed while it was being applied"
                        + (from > 0 ? " (the first " + from + " resources were applied)" : "")
                        + "; apply again to see the difference");
            }
            revision = response.getHeader().getRevision();
        }
        return revision;
    }

    private Long expectedRevision(ObjectMeta metadata, String name) {
        if (metadata == null || metadata.annotations() == null) {
            return null;
        }
        String text = metadata.annotations().get(RESOURCE_VERSION_ANNOTATION);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("'" + name + "': the annotation " + RESOURCE_VERSION_ANNOTATION
                    + " must be a resourceVersion (a whole number), not '" + text + "'");
        }
    }

    private static ObjectMeta withoutVersion(ObjectMeta metadata) {
        if (metadata == null || metadata.annotations() == null
                || !metadata.annotations().containsKey(RESOURCE_VERSION_ANNOTATION)) {
            return metadata;
        }
        Map<String, String> annotations = new LinkedHashMap<>(metadata.annotations());
        annotations.remove(RESOURCE_VERSION_ANNOTATION);
        return new ObjectMeta(metadata.name(), metadata.labels(), annotations.isEmpty() ? null : annotations);
    }

    /** Reads and checks the body as a file named {@code fileName}, in a private temporary folder. */
    private LoadedInputs read(byte[] body, InputFormat format, String fileName) {
        if (format == InputFormat.SUPERVISOR_INI && INCLUDE_SECTION.matcher(new String(body,
                java.nio.charset.StandardCharsets.ISO_8859_1)).find()) {
            throw ApiProblem.invalid(fileName + ": [include] sections cannot be applied through the API, because they"
                    + " would read files on the operator's machine; send the included files' content in one file");
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("drover-apply-");
            Path file = folder.resolve(fileName);
            Files.write(file, body);
            InputLoader loader = new InputLoader(Map.of(), List.of(), InputStream.nullInputStream(),
                    new SupervisorImporter());
            return loader.load(List.of(file.toString()));
        } catch (InvalidInputException e) {
            Path base = folder;
            List<Map<String, Object>> errors = e.diagnostics().stream().map(d -> view(relocate(d, base, fileName)))
                    .toList();
            long count = e.diagnostics().stream().filter(Diagnostic::isError).count();
            throw ApiProblem.invalid(fileName + ": " + count + (count == 1 ? " error" : " errors")
                    + "; nothing was applied", errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the request body in a temporary file", e);
        } finally {
            deleteQuietly(folder);
        }
    }

    /** A diagnostic as JSON: where ({@code file:line:column}, and each part), severity, message and hint. */
    static Map<String, Object> view(Diagnostic diagnostic) {
        Map<String, Object> item = new LinkedHashMap<>();
        SourceLocation location = diagnostic.location();
        item.put("location", location.toString());
        item.put("file", location.file());
        if (location.line() > 0) {
            item.put("line", location.line());
        }
        if (location.column() > 0) {
            item.put("column", location.column());
        }
        item.put("severity", diagnostic.severity().name().toLowerCase(java.util.Locale.ROOT));
        item.put("message", diagnostic.message());
        if (diagnostic.hint() != null && !diagnostic.hint().isBlank()) {
            item.put("hint", diagnostic.hint());
        }
        item.put("text", diagnostic.format());
        return item;
    }

    /** The diagnostic as the user sees it: named after the file they sent, not the temporary copy. */
    private static Diagnostic relocate(Diagnostic diagnostic, Path folder, String fileName) {
        SourceLocation location = diagnostic.location();
        String file = location.file();
        String shown = file;
        if (file != null) {
            if (folder != null && file.startsWith(folder.toString())) {
                shown = file.substring(folder.toString().length()).replaceFirst("^[/\\\\]+", "");
            } else if (file.contains("drover-apply-")) {
                shown = Path.of(file).getFileName().toString();
            }
        }
        if (shown == null || shown.isEmpty()) {
            shown = fileName;
        }
        return new Diagnostic(diagnostic.severity(), new SourceLocation(shown, location.line(), location.column()),
                diagnostic.message().replace(folder == null ? "\u0000" : folder.toString() + "/", ""),
                diagnostic.hint());
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // idem
        }
    }
}
