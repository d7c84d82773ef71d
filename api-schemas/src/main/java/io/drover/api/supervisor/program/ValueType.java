package io.drover.api.supervisor.program;

import io.drover.api.model.AutoRestart;
import io.drover.api.model.ByteSize;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** How one kind of Supervisor option value is read, and what to tell the user when it cannot be. */
record ValueType<T>(Function<String, Optional<T>> parser, String expected, String hint) {

    static final ValueType<Integer> INTEGER = new ValueType<>(SupervisorValues::integer, "an integer",
            "write a whole number such as 10");
    static final ValueType<Boolean> BOOLEAN = new ValueType<>(SupervisorValues::bool, "a boolean",
            "write true or false (Supervisor also accepts yes/no, on/off and 1/0)");
    static final ValueType<AutoRestart> AUTO_RESTART = new ValueType<>(SupervisorValues::autoRestart,
            "one of false, unexpected, true", "write false, unexpected (the default) or true");
    static final ValueType<List<Integer>> EXIT_CODES = new ValueType<>(SupervisorValues::exitCodes,
            "a list of exit codes", "write the expected exit codes separated by commas, each from 0 to 255, for example 0,2");
    static final ValueType<ByteSize> BYTE_SIZE = new ValueType<>(SupervisorValues::byteSize, "a size",
            "write a number of bytes, optionally followed by KB, MB or GB, for example 50MB; 0 means no limit");
    static final ValueType<String> UMASK = new ValueType<>(SupervisorValues::umask, "an octal umask",
            "write an octal number from 000 to 777, for example 022");
    static final ValueType<String> TEXT = new ValueType<>(Optional::of, "text", null);
}
