package io.drover.cli.offline.breed;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code APP=N} of {@code --breed}: the template {@code [group:APP]} becomes the N groups {@code APP_01} to
 * {@code APP_NN}.
 */
public record BreedCount(String application, int copies) {

    /** A bound far above any real use, so that a typo such as 30000 fails fast instead of filling the disk. */
    public static final int MAX_COPIES = 999;
    /** What Supervisor refuses in a group name (its {@code process_or_group_name}), and what would break a file name. */
    private static final String FORBIDDEN = " :/\\";

    public BreedCount {
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("copies out of range: " + copies);
        }
    }

    /** Reads {@code APP=N}; the exception message says what is wrong and how to write it. */
    public static BreedCount parse(String text) {
        int equals = text.lastIndexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("'" + text + "' is not APP=N; write for example scen2_srv=3");
        }
        String application = text.substring(0, equals);
        String count = text.substring(equals + 1);
        if (application.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no group before '='; write for example scen2_srv=3");
        }
        if (application.startsWith("group:")) {
            throw new IllegalArgumentException("'" + text + "' includes the section prefix; write the group name alone: "
                    + application.substring("group:".length()) + "=" + count);
        }
        for (char c : FORBIDDEN.toCharArray()) {
            if (application.indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + text + "': the group name '" + application + "' contains '" + c
                        + "', which Supervisor does not accept in a group name");
            }
        }
        if (!count.matches("[0-9]{1,9}") || Integer.parseInt(count) < 1 || Integer.parseInt(count) > MAX_COPIES) {
            throw new IllegalArgumentException("'" + text + "': the number of copies must be an integer from 1 to "
                    + MAX_COPIES + ", not '" + count + "'");
        }
        return new BreedCount(application, Integer.parseInt(count));
    }

    /** The template section this count breeds. */
    public String templateSection() {
        return "group:" + application;
    }

    /** The sections of the copies, in index order: {@code group:APP_01}, {@code group:APP_02}, ... */
    public List<String> copySections() {
        List<String> names = new ArrayList<>();
        for (int index = 1; index <= copies; index++) {
            // Supvisors' '%02d': two digits at least, more from 100 on
            names.add(String.format("%s_%02d", templateSection(), index));
        }
        return names;
    }

    @Override
    public String toString() {
        return application + "=" + copies;
    }
}
