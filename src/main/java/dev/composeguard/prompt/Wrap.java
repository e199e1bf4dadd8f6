package dev.composeguard.prompt;

import java.util.ArrayList;
import java.util.List;

/** Plan lines wrapped to the terminal's width, continuation lines indented under the line's own indent + 4. */
final class Wrap {
    private Wrap() {
    }

    static List<String> lines(List<String> text, int width) {
        List<String> out = new ArrayList<>();
        for (String line : text) {
            out.addAll(line(line, width));
        }
        return out;
    }

    /** Breaks at the last space that fits; a word longer than the line (a path) is cut where the line ends. */
    static List<String> line(String line, int width) {
        List<String> out = new ArrayList<>();
        if (width < 20 || line.length() <= width) {
            out.add(line);
            return out;
        }
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String pad = " ".repeat(Math.min(indent + 4, width / 2));
        String rest = line;
        boolean first = true;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            int minCut = first ? indent + 1 : pad.length() + 1;
            if (cut < minCut) {
                cut = width;
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = pad + rest.substring(cut).stripLeading();
            first = false;
        }
        out.add(rest);
        return out;
    }
}
