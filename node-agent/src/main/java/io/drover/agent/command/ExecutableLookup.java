package io.drover.agent.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Finds the file a command runs and checks it can be executed, before anything is spawned, with Supervisor's rules
 * and messages ({@code get_execv_args} and {@code check_execv_args}): a program containing '/' is taken as a path,
 * any other is searched in the PATH the process will get.
 */
public final class ExecutableLookup {

    private ExecutableLookup() {
    }

    /**
     * @param program   the first word of the command
     * @param path      the PATH of the process's environment (null: Supervisor's default of /bin:/usr/bin:/usr/local/bin)
     * @param directory the process's working directory: a relative program path is resolved there, because that is
     *                  where the kernel will look for it once the process has changed to it
     */
    public static Path resolve(String program, String path, Path directory) throws SpawnException {
        Path found;
        if (program.contains("/")) {
            found = directory.resolve(program).normalize();
            if (!Files.exists(found)) {
                throw new SpawnException("can't find command '" + program + "'");
            }
        } else {
            found = null;
            String searched = path == null ? "/bin:/usr/bin:/usr/local/bin" : path;
            for (String dir : searched.split(":")) {
                Path candidate = directory.resolve(dir.isEmpty() ? "." : dir).resolve(program).normalize();
                if (Files.exists(candidate)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw new SpawnException("can't find command '" + program + "'");
            }
        }
        check(found);
        return found;
    }

    private static void check(Path file) throws SpawnException {
        if (Files.isDirectory(file)) {
            throw new SpawnException("command at '" + file + "' is a directory");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.values());
            boolean anyExecuteBit = permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                    || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (!anyExecuteBit) {
                throw new SpawnException("command at '" + file + "' is not executable");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new SpawnException("can't find command '" + file + "': " + e.getMessage(), e);
        }
        if (!Files.isExecutable(file)) {
            throw new SpawnException("no permission to run command '" + file + "'");
        }
    }
}
