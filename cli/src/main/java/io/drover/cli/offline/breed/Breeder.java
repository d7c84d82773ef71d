package io.drover.cli.offline.breed;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The breeding of supvisors_breed, on files already read: each {@code [group:APP]} named by a count is replaced by
 * its copies {@code [group:APP_01]}..., in the same file or, with {@code extra}, each in a new file
 * {@code group_APP_01.ini} beside the template. Program sections are left alone: every copy lists the same programs,
 * which supervisord runs once per group. Every check is done before anything is built, so a refused input writes
 * nothing.
 */
public final class Breeder {

    /** At most this many groups are listed when a count names none of them. */
    private static final int LISTED_GROUPS = 20;

    private Breeder() {
    }

    /** A template group section and the file that holds it. */
    private record Template(IniFile file, Section section) {
    }

    /** Breeds {@code counts} in {@code files}; throws {@code InvalidInputException} with every problem found. */
    public static BreedResult breed(List<IniFile> files, List<BreedCount> counts, boolean extra) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, List<Template>> groups = new LinkedHashMap<>();
        Map<String, SourceLocation> existing = new HashMap<>();
        for (IniFile file : files) {
            for (Section section : file.sections()) {
                existing.putIfAbsent(section.name(), section.header());
                if (section.isGroup()) {
                    groups.computeIfAbsent(section.name(), name -> new ArrayList<>()).add(new Template(file, section));
                }
            }
        }
        Set<String> paths = files.stream().map(IniFile::name).collect(Collectors.toSet());
        Map<String, Template> templates = new HashMap<>();
        Map<String, List<Section>> copies = new LinkedHashMap<>();
        Set<String> made = new HashSet<>();
        for (BreedCount count : counts) {
            SourceLocation where = SourceLocation.of("--breed " + count);
            List<Template> found = groups.getOrDefault(count.templateSection(), List.of());
            if (found.isEmpty()) {
                diagnostics.error(where, "no [" + count.templateSection() + "] section in the " + files.size()
                        + " file(s) read", groupsHint(groups));
                continue;
            }
            if (found.size() > 1) {
                diagnostics.error(where, "[" + count.templateSection() + "] is defined in several files: " + found.stream()
                                .map(t -> t.section().header().toString()).collect(Collectors.joining(", ")),
                        "keep one definition of the template group, or narrow --pattern to the files of one installation");
                continue;
            }
            Template template = found.get(0);
            Section model = copyModel(template, diagnostics);
            if (model == null) {
                continue;
            }
            List<Section> bred = new ArrayList<>();
            for (String name : count.copySections()) {
                if (!made.add(name)) {
                    diagnostics.error(where, "[" + name + "] would be made twice", "give each group once in --breed");
                }
                SourceLocation clash = existing.get(name);
                if (clash != null) {
                    diagnostics.error(clash, "[" + name + "] already exists, and breeding " + count
                                    + " makes a section of that name",
                            "remove or rename this section, or breed fewer copies of " + count.application());
                }
                if (extra) {
                    Path file = template.file().relative().resolveSibling(fileName(name));
                    if (paths.contains(TemplateGlob.slashed(file))) {
                        diagnostics.error(template.section().header(), "the copy [" + name + "] goes to its own file "
                                        + TemplateGlob.slashed(file) + " with --extra, but a template file already has that name",
                                "rename that template file, or breed without --extra");
                    }
                }
                bred.add(model.renamed(name));
            }
            templates.put(count.templateSection(), template);
            copies.put(count.templateSection(), bred);
        }
        diagnostics.throwIfErrors();
        return build(files, templates, copies, extra);
    }

    /** The file of a copy made with {@code --extra}: its section name with ':' made '_', as supvisors_breed names it. */
    public static String fileName(String section) {
        return section.replace(':', '_') + ".ini";
    }

    /**
     * The options every copy gets. supvisors_breed copies only {@code programs}, which silently loses a
     * {@code priority}; the copies here keep every option of the template, so each copy means what the template
     * meant. A {@code programs} inherited from {@code [DEFAULT]} is written out, as supvisors_breed does, so a copy
     * in a file of its own still lists its programs.
     */
    private static Section copyModel(Template template, Diagnostics diagnostics) {
        Map<String, String> options = new LinkedHashMap<>(template.section().options());
        if (!options.containsKey("programs") && template.file().defaults().containsKey("programs")) {
            options.put("programs", template.file().defaults().get("programs"));
        }
        if (!options.containsKey("programs")) {
            diagnostics.error(template.section().header(), "[" + template.section().name() + "] has no 'programs' option,"
                    + " so its copies would hold no program", "list the programs of the group: programs = prg_a,prg_b");
            return null;
        }
        return new Section(template.section().name(), options, template.section().header());
    }

    private static BreedResult build(List<IniFile> files, Map<String, Template> templates,
                                     Map<String, List<Section>> copies, boolean extra) {
        List<IniFile> written = new ArrayList<>();
        List<IniFile> extraFiles = new ArrayList<>();
        List<Path> leftEmpty = new ArrayList<>();
        for (IniFile file : files) {
            List<Section> sections = new ArrayList<>();
            for (Section section : file.sections()) {
                Template template = templates.get(section.name());
                if (template == null || template.file() != file) {
                    sections.add(section);
                } else if (extra) {
                    for (Section copy : copies.get(section.name())) {
                        extraFiles.add(new IniFile(file.relative().resolveSibling(fileName(copy.name())), Map.of(), List.of(copy)));
                    }
                } else {
                    // where the template was, so that the file still reads in the same order
                    sections.addAll(copies.get(section.name()));
                }
            }
            if (sections.isEmpty()) {
                leftEmpty.add(file.relative());
            } else {
                written.add(new IniFile(file.relative(), file.defaults(), sections));
            }
        }
        written.addAll(extraFiles);
        Map<String, List<String>> names = new LinkedHashMap<>();
        copies.forEach((template, sections) -> names.put(template, sections.stream().map(Section::name).toList()));
        return new BreedResult(written, leftEmpty, names);
    }

    private static String groupsHint(Map<String, List<Template>> groups) {
        if (groups.isEmpty()) {
            return "the files read hold no [group:...] section at all; check --template and --pattern";
        }
        List<String> listed = new ArrayList<>();
        for (Map.Entry<String, List<Template>> group : groups.entrySet()) {
            if (listed.size() < LISTED_GROUPS) {
                listed.add(group.getKey().substring("group:".length()) + " (" + group.getValue().get(0).section().header() + ")");
            }
        }
        String more = groups.size() > LISTED_GROUPS ? " and " + (groups.size() - LISTED_GROUPS) + " more" : "";
        return "breed one of the groups found: " + String.join(", ", listed) + more;
    }
}
