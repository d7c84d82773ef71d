package io.drover.agent.command;

import io.drover.api.supervisor.expand.ExpansionError;
import io.drover.api.supervisor.expand.Expansions;
import io.drover.api.supervisor.expand.HostEnvironment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Expands the {@code %(name)s} placeholders left in a program's command, directory, environment and log files when
 * one of its processes is spawned, as supervisord expands them on its own machine. The importer leaves
 * {@code process_num}, {@code host_node_name} and {@code ENV_X}; a hand-written manifest may also use
 * {@code program_name}, {@code group_name}, {@code numprocs} and {@code here}, so all of them are offered.
 */
public final class Placeholders {

    private static final String AVAILABLE = "%(program_name)s, %(process_num)d, %(group_name)s, %(numprocs)d, %(here)s,"
            + " %(host_node_name)s, %(ENV_<NAME>)s";

    private final Function<String, Optional<Object>> lookup;

    /**
     * @param agentEnvironment the environment of the agent, which {@code %(ENV_X)s} reads (supervisord reads its own)
     */
    public Placeholders(String programName, String groupName, int processNum, int numprocs, String here,
                        String hostNodeName, Map<String, String> agentEnvironment) {
        Map<String, Object> names = new HashMap<>();
        names.put(Expansions.PROGRAM_NAME, programName);
        names.put(Expansions.GROUP_NAME, groupName);
        names.put(Expansions.PROCESS_NUM, processNum);
        names.put(Expansions.NUMPROCS, numprocs);
        names.put(Expansions.HERE, here);
        HostEnvironment host = HostEnvironment.of(hostNodeName, agentEnvironment);
        this.lookup = Expansions.lookup(names, host::lookup);
    }

    /**
     * {@code text} with every placeholder replaced and {@code %%} turned into {@code %}.
     *
     * @param option the option the text comes from, named in the error
     */
    public String expand(String option, String text) throws SpawnException {
        if (text == null) {
            return null;
        }
        try {
            return Expansions.resolve(text, lookup, AVAILABLE);
        } catch (ExpansionError e) {
            throw new SpawnException(option + ": " + e.getMessage() + " (" + e.hint() + ")");
        } catch (IllegalArgumentException e) {
            throw new SpawnException(option + ": cannot expand '" + text + "': " + e.getMessage());
        }
    }
}
