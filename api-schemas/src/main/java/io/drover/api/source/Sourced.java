package io.drover.api.source;

/** A value read from user input, with where each of its parts was written. */
public record Sourced<T>(T value, SourceMap sourceMap) {

    /** A value that was not read from a file (built by a program); diagnostics name {@code origin} alone. */
    public static <T> Sourced<T> generated(T value, String origin) {
        return new Sourced<>(value, SourceMap.empty(origin));
    }
}
