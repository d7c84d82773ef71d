package io.drover.cli.client.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Aligned columns for people: each column as wide as its widest cell, two spaces apart, the last one not padded.
 * Colours are added after padding, so escape codes never break the alignment.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final Set<Integer> stateColumns;

    /** {@code stateColumns}: indexes of the columns whose words are coloured by {@link Style#state}. */
    public Table(List<String> headers, Set<Integer> stateColumns) {
        this.headers = List.copyOf(headers);
        this.stateColumns = Set.copyOf(stateColumns);
    }

    public Table(List<String> headers) {
        this(headers, Set.of());
    }

    public Table add(List<String> row) {
        if (row.size() != headers.size()) {
            throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + headers.size()
                    + " columns");
        }
        rows.add(row.stream().map(cell -> cell == null || cell.isEmpty() ? "-" : cell).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The widths the columns need, so that rows printed later (a watch) line up with the first ones. */
    public int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    /** The header line, then every row. */
    public String render(Style style) {
        int[] widths = widths();
        StringBuilder out = new StringBuilder();
        out.append(line(headers, widths, style, false));
        for (List<String> row : rows) {
            out.append(line(row, widths, style, true));
        }
        return out.toString();
    }

    /** The rows only, aligned to {@code widths} (cells wider than their column push the next ones along). */
    public String renderRows(int[] widths, Style style) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            out.append(line(row, widths, style, true));
        }
        return out.toString();
    }

    private String line(List<String> cells, int[] widths, Style style, boolean colour) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean last = i == cells.size() - 1;
            String shown = colour && stateColumns.contains(i) ? style.state(cell) : cell;
            line.append(shown);
            if (!last) {
                int width = i < widths.length ? widths[i] : cell.length();
                line.append(" ".repeat(Math.max(0, width - cell.length()) + 2));
            }
        }
        return line.toString().stripTrailing() + System.lineSeparator();
    }
}
