package dev.composeguard.project;

import java.util.List;
import java.util.function.Function;

/**
 * Compose's variable interpolation (compose-go {@code template}): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-d}},
 * {@code ${VAR-d}}, {@code ${VAR:?msg}}, {@code ${VAR?msg}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}, nesting
 * inside defaults/alternatives/messages, {@code $$} for a literal {@code $}. The operator right after the name
 * decides (the earliest-operator rule of compose-go reduces to that, since names never contain operators).
 * Invalid braced forms are errors; a {@code $} followed by anything else is kept. In the v1 flavor only
 * {@code :-}, {@code -}, {@code :?}, {@code ?} exist and there is no nesting.
 *
 * <p>A hand-written scanner: no regex, one pass.
 */
final class Interpolator {

    /** Thrown for an invalid format or a missing required variable; the caller adds the place. */
    static final class InterpolationException extends Exception {
        private static final long serialVersionUID = 1L;

        InterpolationException(String message) {
            super(message);
        }
    }

    private final Function<String, String> lookup;
    private final ComposeFlavor flavor;
    private final List<String> unset;

    /**
     * @param lookup returns a variable's value or null when unset
     * @param unset  receives the names of variables used without default while unset (may be null)
     */
    Interpolator(Function<String, String> lookup, ComposeFlavor flavor, List<String> unset) {
        this.lookup = lookup;
        this.flavor = flavor;
        this.unset = unset;
    }

    static boolean needsWork(String s) {
        return s.indexOf('$') >= 0;
    }

    String interpolate(String s) throws InterpolationException {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char d = s.charAt(i + 1);
            if (d == '$') {
                out.append('$');
                i += 2;
            } else if (isNameStart(d)) {
                int j = i + 1;
                while (j < n && isNameChar(s.charAt(j))) {
                    j++;
                }
                out.append(value(s.substring(i + 1, j)));
                i = j;
            } else if (d == '{') {
                int close = closingBrace(s, i + 1);
                if (close < 0) {
                    throw invalid(s);
                }
                out.append(braced(s, s.substring(i + 2, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index of the brace that closes the one at {@code open}, counting nested braces; -1 if none. */
    private int closingBrace(String s, int open) {
        if (flavor == ComposeFlavor.V1) {
            return s.indexOf('}', open);
        }
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    private String braced(String whole, String body) throws InterpolationException {
        int n = body.length();
        if (n == 0 || !isNameStart(body.charAt(0))) {
            throw invalid(whole);
        }
        int j = 1;
        while (j < n && isNameChar(body.charAt(j))) {
            j++;
        }
        String name = body.substring(0, j);
        if (j == n) {
            return value(name);
        }
        boolean colon = body.charAt(j) == ':';
        int opAt = colon ? j + 1 : j;
        if (opAt >= n) {
            throw invalid(whole);
        }
        char op = body.charAt(opAt);
        if (op != '-' && op != '?' && op != '+') {
            throw invalid(whole);
        }
        if (flavor == ComposeFlavor.V1 && op == '+') {
            throw invalid(whole);
        }
        String arg = body.substring(opAt + 1);
        String v = lookup.apply(name);
        boolean usable = colon ? v != null && !v.isEmpty() : v != null;
        switch (op) {
            case '-':
                return usable ? v : nested(arg);
            case '+':
                return usable ? nested(arg) : "";
            default: // '?'
                if (usable) {
                    return v;
                }
                String msg = nested(arg).replace('\n', ' ').replace('\r', ' '); // errors are one line
                throw new InterpolationException(msg.isEmpty()
                        ? "required variable " + name + " is missing a value"
                        : "required variable " + name + " is missing a value: " + msg);
        }
    }

    /** Deepest nesting of {@code ${A:-${B:-…}}} accepted (real files nest two or three levels). */
    static final int MAX_NESTING = 64;
    private int depth;

    private String nested(String arg) throws InterpolationException {
        if (flavor == ComposeFlavor.V1) {
            return arg;
        }
        if (++depth > MAX_NESTING) {
            throw new InterpolationException("interpolation is nested deeper than " + MAX_NESTING + " levels");
        }
        try {
            return interpolate(arg);
        } finally {
            depth--;
        }
    }

    private String value(String name) {
        String v = lookup.apply(name);
        if (v == null) {
            if (unset != null) {
                unset.add(name);
            }
            return "";
        }
        return v;
    }

    /** Compose's message, quoting the template; callers where it may be a secret use {@link #isInvalidFormat}. */
    private static InterpolationException invalid(String template) {
        String shown = template.length() > 200 ? template.substring(0, 200) + "…" : template;
        return new InterpolationException(INVALID + " for \"" + shown
                + "\"; you may need to escape any $ with another $");
    }

    static final String INVALID = "invalid interpolation format";

    /** The same error without the template (an env value or a dotenv value may be a secret). */
    static String redacted(InterpolationException e) {
        return e.getMessage().startsWith(INVALID)
                ? INVALID + " (the value is not shown: it may be a secret); you may need to escape any $ with another $"
                : e.getMessage();
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
