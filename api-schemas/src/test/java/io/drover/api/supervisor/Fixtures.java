package io.drover.api.supervisor;

import io.drover.api.model.Application;
import io.drover.api.model.ProgramSpec;
import io.drover.api.source.Sourced;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test configurations, and short ways to reach into an import result. */
final class Fixtures {

    private Fixtures() {
    }

    static Path resource(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/supervisor").toURI()).resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path cases(String relative) {
        return resource("cases").resolve(relative);
    }

    static Path bad(String relative) {
        return resource("bad").resolve(relative);
    }

    static Application application(ImportResult result, String name) {
        return result.application(name).map(Sourced::value)
                .orElseThrow(() -> new AssertionError("no application " + name + " in " + result.applicationNames()));
    }

    static ProgramSpec program(ImportResult result, String application, String program) {
        return application(result, application).spec().programs().stream().filter(p -> p.name().equals(program)).findFirst()
                .orElseThrow(() -> new AssertionError("no program " + program + " in " + application));
    }
}
