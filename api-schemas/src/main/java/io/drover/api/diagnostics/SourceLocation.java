package io.drover.api.diagnostics;

/**
 * Where something was read: a file (or {@code <stdin>}), a 1-based line and column. Line and column are 0 when not
 * known (for example a value that was built by a program rather than read from a file).
 */
public record SourceLocation(String file, int line, int column) {

    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0, 0);
    }

    public static SourceLocation unknown() {
        return new SourceLocation("<generated>", 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
