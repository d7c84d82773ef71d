package io.drover.api.manifest;

import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.ApplicationSetSpec;
import io.drover.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands an {@link ApplicationSet} into its applications, as {@code supvisors_breed} duplicates a group. */
public final class ApplicationSets {

    /** Label put on each application made from a set, naming the set. */
    public static final String SET_LABEL = "drover.io/application-set";
    private static final Pattern INDEX = Pattern.compile("\\{index(?::(0?)(\\d))?}");

    private ApplicationSets() {
    }

    /** The application names the set gives, in index order. */
    public static List<String> names(ApplicationSetSpec spec) {
        List<String> names = new ArrayList<>();
        int replicas = spec.replicas() == null ? 0 : spec.replicas();
        for (int i = 0; i < replicas; i++) {
            names.add(name(spec.nameTemplate(), spec.startIndexOrDefault() + i));
        }
        return names;
    }

    static String name(String template, int index) {
        Matcher matcher = INDEX.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = Integer.toString(index);
            if (matcher.group(2) != null) {
                int width = Integer.parseInt(matcher.group(2));
                String padding = matcher.group(1).isEmpty() ? " " : "0";
                while (value.length() < width) {
                    value = padding + value;
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The applications of {@code set}, each labelled with the set's name. */
    public static List<Application> expand(ApplicationSet set) {
        ApplicationSetSpec spec = set.spec();
        List<Application> applications = new ArrayList<>();
        for (String name : names(spec)) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (spec.template().labels() != null) {
                labels.putAll(spec.template().labels());
            }
            labels.put(SET_LABEL, set.name());
            applications.add(Application.of(new ObjectMeta(name, labels, null), spec.template().spec()));
        }
        return applications;
    }
}
