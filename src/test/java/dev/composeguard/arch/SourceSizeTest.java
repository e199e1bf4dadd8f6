package dev.composeguard.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class in src/main over {@value #MAX_CLASS_LINES} lines, no method (or constructor) over
 * {@value #MAX_METHOD_LINES} lines, counted from its opening brace to its closing one. Big methods hide the
 * fail-closed paths a reviewer has to see; split along the real seams instead of raising a limit.
 *
 * <p>What is still over is listed in {@link #CLASS_ALLOWANCE} and {@link #METHOD_ALLOWANCE}, each with who is
 * splitting it; an entry that is no longer needed fails the test too, so the lists only shrink.
 */
class SourceSizeTest {
    static final int MAX_CLASS_LINES = 400;
    static final int MAX_METHOD_LINES = 60;

    private static final Path MAIN = Path.of("src/main/java");

    /** Files over the class limit today (path under src/main/java), and why they may be for now. */
    private static final Map<String, String> CLASS_ALLOWANCE = Map.of();

    /** Methods over the method limit today (path:name), and why they may be for now. */
    private static final Map<String, String> METHOD_ALLOWANCE = Map.of();

    @Test
    void noClassOrMethodIsOverTheLimit() throws IOException {
        Map<String, String> classes = new TreeMap<>();
        Map<String, String> methods = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String rel = MAIN.relativize(p).toString().replace('\\', '/');
                String src = Files.readString(p, StandardCharsets.UTF_8);
                long lines = src.lines().count();
                if (lines > MAX_CLASS_LINES) {
                    classes.put(rel, lines + " lines");
                }
                for (Method m : methods(src)) {
                    if (m.lines() > MAX_METHOD_LINES) {
                        methods.merge(rel + ":" + m.name(), m.lines() + " lines from line " + m.line(),
                                (a, b) -> a + "; " + b);
                    }
                }
            }
        }
        assertEquals(List.of(), problems(classes, CLASS_ALLOWANCE, "class over " + MAX_CLASS_LINES + " lines"),
                "split the class along its seams (or, if the entry is stale, remove it from CLASS_ALLOWANCE)");
        assertEquals(List.of(), problems(methods, METHOD_ALLOWANCE, "method over " + MAX_METHOD_LINES + " lines"),
                "split the method (or, if the entry is stale, remove it from METHOD_ALLOWANCE)");
    }

    @Test
    void theScannerSeesMethodsNotTypesBlocksOrLambdas() {
        String src = """
                record R(int a,
                         int b) {
                    R {
                        if (a < 0) {
                            throw new IllegalArgumentException("}{");
                        }
                    }
                }
                class C {
                    @SuppressWarnings("unchecked")
                    static <T> List<T> many(int n)
                            throws java.io.IOException {
                        Runnable r = () -> {
                            String s = \"""
                                    { not a brace
                                    \""";
                        };
                        // } neither is this
                        return null;
                    }
                }
                """;
        List<Method> found = methods(src);
        assertEquals(List.of("many"), found.stream().map(Method::name).toList());
        assertEquals(9, found.get(0).lines());
    }

    private static List<String> problems(Map<String, String> over, Map<String, String> allowance, String what) {
        List<String> out = new ArrayList<>();
        over.forEach((k, v) -> {
            if (!allowance.containsKey(k)) {
                out.add(k + ": " + what + " (" + v + ")");
            }
        });
        allowance.keySet().stream().sorted().filter(k -> !over.containsKey(k))
                .forEach(k -> out.add(k + ": no longer over the limit, remove it from the allowance"));
        return out;
    }

    /** A method or constructor body: its name, the line of its opening brace, and its length in lines. */
    record Method(String name, int line, int lines) {
    }

    private static final Pattern CONTROL = Pattern.compile(
            "^(if|else|for|while|do|switch|try|catch|finally|synchronized)\\b");
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|enum|record)\\s+\\w+");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\([^)]*\\))?");
    private static final Pattern SIGNATURE_END = Pattern.compile("\\)\\s*(throws\\s+[\\w.,\\s<>]+)?$");
    private static final Pattern NAME = Pattern.compile("(\\w+)\\s*$");

    /** Every method body in {@code src}, found by a brace scanner that ignores strings, comments and text blocks. */
    static List<Method> methods(String src) {
        String code = blankLiteralsAndComments(src);
        List<Method> out = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // line of the brace, 1 when it opens a method body
        Deque<String> names = new ArrayDeque<>();
        int line = 1;
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '{') {
                String name = methodName(code.substring(headerStart, i));
                open.push(new int[] {line, name == null ? 0 : 1});
                names.push(name == null ? "" : name);
                headerStart = i + 1;
            } else if (c == '}') {
                int[] o = open.pop();
                String name = names.pop();
                if (o[1] == 1) {
                    out.add(new Method(name, o[0], line - o[0] + 1));
                }
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        return out;
    }

    /** The method's name when the text before a brace is a method or constructor signature, else null. */
    private static String methodName(String header) {
        String h = ANNOTATION.matcher(header).replaceAll(" ").replaceAll("\\s+", " ").strip();
        if (h.isEmpty() || h.contains("->") || h.contains("=") || CONTROL.matcher(h).find()
                || h.matches(".*\\bnew\\s+[\\w.<>]+\\s*\\(.*")) {
            return null;
        }
        int paren = h.indexOf('(');
        if (paren < 0 || TYPE.matcher(h.substring(0, paren)).find() || !SIGNATURE_END.matcher(h).find()) {
            return null;
        }
        Matcher m = NAME.matcher(h.substring(0, paren));
        return m.find() ? m.group(1) : null;
    }

    /** The source with string, char and text-block literals and comments blanked (newlines kept). */
    static String blankLiteralsAndComments(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            int end;
            if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char q = s.charAt(i);
                end = i + 1;
                while (end < n && s.charAt(end) != q && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else {
                b.append(s.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                b.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return b.toString();
    }
}
