package io.drover.api.model;

import java.util.List;
import java.util.Map;

/** Builds a {@link ProgramSpec} field by field; importers and tests use it to set only what they know. */
public final class ProgramSpecBuilder {

    private String name;
    private String command;
    private String directory;
    private Map<String, String> environment;
    private String user;
    private String umask;
    private Integer numprocs;
    private Integer numprocsStart;
    private String processName;
    private Boolean autostart;
    private AutoRestart autoRestart;
    private Integer startSecs;
    private Integer startRetries;
    private List<Integer> exitCodes;
    private StopSignal stopSignal;
    private Integer stopWaitSecs;
    private Boolean stopAsGroup;
    private Boolean killAsGroup;
    private Boolean redirectStderr;
    private LogSpec stdout;
    private LogSpec stderr;
    private Integer priority;
    private List<String> nodes;
    private String reference;
    private List<String> identifiers;
    private Integer startSequence;
    private Integer stopSequence;
    private Boolean required;
    private Boolean waitExit;
    private Integer expectedLoading;
    private StartingFailureStrategy startingFailureStrategy;
    private RunningFailureStrategy runningFailureStrategy;

    ProgramSpecBuilder(String name) {
        this.name = name;
    }

    ProgramSpecBuilder(ProgramSpec spec) {
        this.name = spec.name();
        this.command = spec.command();
        this.directory = spec.directory();
        this.environment = spec.environment();
        this.user = spec.user();
        this.umask = spec.umask();
        this.numprocs = spec.numprocs();
        this.numprocsStart = spec.numprocsStart();
        this.processName = spec.processName();
        this.autostart = spec.autostart();
        this.autoRestart = spec.autoRestart();
        this.startSecs = spec.startSecs();
        this.startRetries = spec.startRetries();
        this.exitCodes = spec.exitCodes();
        this.stopSignal = spec.stopSignal();
        this.stopWaitSecs = spec.stopWaitSecs();
        this.stopAsGroup = spec.stopAsGroup();
        this.killAsGroup = spec.killAsGroup();
        this.redirectStderr = spec.redirectStderr();
        this.stdout = spec.stdout();
        this.stderr = spec.stderr();
        this.priority = spec.priority();
        this.nodes = spec.nodes();
        this.reference = spec.reference();
        this.identifiers = spec.identifiers();
        this.startSequence = spec.startSequence();
        this.stopSequence = spec.stopSequence();
        this.required = spec.required();
        this.waitExit = spec.waitExit();
        this.expectedLoading = spec.expectedLoading();
        this.startingFailureStrategy = spec.startingFailureStrategy();
        this.runningFailureStrategy = spec.runningFailureStrategy();
    }

    public ProgramSpecBuilder name(String value) {
        this.name = value;
        return this;
    }

    public ProgramSpecBuilder command(String value) {
        this.command = value;
        return this;
    }

    public ProgramSpecBuilder directory(String value) {
        this.directory = value;
        return this;
    }

    public ProgramSpecBuilder environment(Map<String, String> value) {
        this.environment = value;
        return this;
    }

    public ProgramSpecBuilder user(String value) {
        this.user = value;
        return this;
    }

    public ProgramSpecBuilder umask(String value) {
        this.umask = value;
        return this;
    }

    public ProgramSpecBuilder numprocs(Integer value) {
        this.numprocs = value;
        return this;
    }

    public ProgramSpecBuilder numprocsStart(Integer value) {
        this.numprocsStart = value;
        return this;
    }

    public ProgramSpecBuilder processName(String value) {
        this.processName = value;
        return this;
    }

    public ProgramSpecBuilder autostart(Boolean value) {
        this.autostart = value;
        return this;
    }

    public ProgramSpecBuilder autoRestart(AutoRestart value) {
        this.autoRestart = value;
        return this;
    }

    public ProgramSpecBuilder startSecs(Integer value) {
        this.startSecs = value;
        return this;
    }

    public ProgramSpecBuilder startRetries(Integer value) {
        this.startRetries = value;
        return this;
    }

    public ProgramSpecBuilder exitCodes(List<Integer> value) {
        this.exitCodes = value;
        return this;
    }

    public ProgramSpecBuilder stopSignal(StopSignal value) {
        this.stopSignal = value;
        return this;
    }

    public ProgramSpecBuilder stopWaitSecs(Integer value) {
        this.stopWaitSecs = value;
        return this;
    }

    public ProgramSpecBuilder stopAsGroup(Boolean value) {
        this.stopAsGroup = value;
        return this;
    }

    public ProgramSpecBuilder killAsGroup(Boolean value) {
        this.killAsGroup = value;
        return this;
    }

    public ProgramSpecBuilder redirectStderr(Boolean value) {
        this.redirectStderr = value;
        return this;
    }

    public ProgramSpecBuilder stdout(LogSpec value) {
        this.stdout = value;
        return this;
    }

    public ProgramSpecBuilder stderr(LogSpec value) {
        this.stderr = value;
        return this;
    }

    public ProgramSpecBuilder priority(Integer value) {
        this.priority = value;
        return this;
    }

    public ProgramSpecBuilder nodes(List<String> value) {
        this.nodes = value;
        return this;
    }

    public ProgramSpecBuilder reference(String value) {
        this.reference = value;
        return this;
    }

    public ProgramSpecBuilder identifiers(List<String> value) {
        this.identifiers = value;
        return this;
    }

    public ProgramSpecBuilder startSequence(Integer value) {
        this.startSequence = value;
        return this;
    }

    public ProgramSpecBuilder stopSequence(Integer value) {
        this.stopSequence = value;
        return this;
    }

    public ProgramSpecBuilder required(Boolean value) {
        this.required = value;
        return this;
    }

    public ProgramSpecBuilder waitExit(Boolean value) {
        this.waitExit = value;
        return this;
    }

    public ProgramSpecBuilder expectedLoading(Integer value) {
        this.expectedLoading = value;
        return this;
    }

    public ProgramSpecBuilder startingFailureStrategy(StartingFailureStrategy value) {
        this.startingFailureStrategy = value;
        return this;
    }

    public ProgramSpecBuilder runningFailureStrategy(RunningFailureStrategy value) {
        this.runningFailureStrategy = value;
        return this;
    }

    public ProgramSpec build() {
        return new ProgramSpec(name, command, directory, environment, user, umask, numprocs, numprocsStart, processName, autostart, autoRestart, startSecs, startRetries, exitCodes, stopSignal, stopWaitSecs, stopAsGroup, killAsGroup, redirectStderr, stdout, stderr, priority, nodes, reference, identifiers, startSequence, stopSequence, required, waitExit, expectedLoading, startingFailureStrategy, runningFailureStrategy);
    }
}
