package io.drover.api.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts line by line (longest common subsequence; manifests are small), with three lines of
 * context around each change, as {@code diff -u} prints it.
 */
public final class LineDiff {

    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The hunks (without file headers); empty when both texts are equal. */
    public static List<String> unified(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        // the edit script: ' ', '-' or '+' and the line, with its line numbers in each text
        record Edit(char op, String line, int oldLine, int newLine) {
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                edits.add(new Edit(' ', before.get(i), i++, j++));
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // removals before additions, as diff -u shows a replaced line
                edits.add(new Edit('-', before.get(i), i++, j));
            } else {
                edits.add(new Edit('+', after.get(j), i, j++));
            }
        }
        List<String> out = new ArrayList<>();
        int index = 0;
        while (index < edits.size()) {
            if (edits.get(index).op() == ' ') {
                index++;
                continue;
            }
            int start = Math.max(0, index - CONTEXT);
            int end = index;
            // extend the hunk while changes are within 2 * CONTEXT lines of each other
            int lastChange = index;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int oldStart = edits.get(start).oldLine();
            int newStart = edits.get(start).newLine();
            int oldCount = 0;
            int newCount = 0;
            List<String> body = new ArrayList<>();
            for (int k = start; k < end; k++) {
                Edit edit = edits.get(k);
                body.add(edit.op() + edit.line());
                if (edit.op() != '+') {
                    oldCount++;
                }
                if (edit.op() != '-') {
                    newCount++;
                }
            }
            out.add("@@ -" + (oldCount == 0 ? oldStart : oldStart + 1) + "," + oldCount + " +"
                    + (newCount == 0 ? newStart : newStart + 1) + "," + newCount + " @@");
            out.addAll(body);
            index = end;
        }
        return out;
    }
}
