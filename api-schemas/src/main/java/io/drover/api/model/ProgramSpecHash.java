package io.drover.api.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.drover.api.json.Json;
import io.drover.api.supervisor.program.SupervisorDefaults;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The hash an assignment carries so that its node knows which definition to run: a change means "restart with the
 * new definition". Only what changes the running process counts: the Supervisor definition with Supervisor's
 * defaults applied (writing {@code startsecs: 1} or leaving it out is the same program). Rules (sequences, loads,
 * identifiers), where the program is defined ({@code nodes}), how many copies ({@code numprocs}), how they are
 * named, {@code autostart} and {@code priority} do not restart a running process.
 *
 * <p>The operator writes it into each assignment and the node agent compares it with the definition its process was
 * spawned with, so both sides share this one function.
 */
public final class ProgramSpecHash {

    private ProgramSpecHash() {
    }

    public static String of(ProgramSpec program) {
        ProgramSpec effective = SupervisorDefaults.effective(program);
        ProgramSpec runtime = effective.toBuilder()
                .environment(effective.environment() == null ? null : new TreeMap<>(effective.environment()))
                .numprocs(null).numprocsStart(null).processName(null).autostart(null).priority(null).nodes(null)
                .reference(null).identifiers(null).startSequence(null).stopSequence(null).required(null).waitExit(null)
                .expectedLoading(null).startingFailureStrategy(null).runningFailureStrategy(null)
                .build();
        try {
            byte[] json = Json.mapper().writeValueAsBytes(runtime);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash program " + program.name(), e);
        }
    }
}
