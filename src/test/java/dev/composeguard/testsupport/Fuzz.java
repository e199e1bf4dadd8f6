package dev.composeguard.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A tiny seeded generator for fuzz tests (tests only): one {@code Fuzz} per case, its {@link Random} derived from the
 * run's seed and the case index, so one case can be replayed alone.
 *
 * <p>{@link #cases} runs the cases in a loop. Each property has a fixed seed, so every run tests the same inputs;
 * {@code -Dcg.fuzz.seed=N} (decimal or 0x hex) overrides it and {@code -Dcg.fuzz.seed=random} draws a new one, for
 * exploration. A failing case fails with the seed, the case index, the steps that built the input and the command
 * line that replays it alone ({@code -Dcg.fuzz.case=I}).
 */
public final class Fuzz {
    public static final String SEED_PROPERTY = "cg.fuzz.seed";
    public static final String CASE_PROPERTY = "cg.fuzz.case";

    /** One case's body. */
    public interface Body {
        void run(Fuzz fuzz) throws Throwable;
    }

    private final Random random;
    private final StringBuilder trace = new StringBuilder();

    private Fuzz(long seed, int index) {
        this.random = new Random(mix(seed, index));
    }

    /**
     * Runs {@code count} cases of {@code property} (or only the case named by {@code -Dcg.fuzz.case}); returns how many
     * ran. Any throwable of a case becomes an {@link AssertionError} naming the seed and the case index.
     */
    public static int cases(String property, long fixedSeed, int count, Body body) {
        long seed = seed(fixedSeed);
        String only = System.getProperty(CASE_PROPERTY);
        int ran = 0;
        for (int i = 0; i < count; i++) {
            if (only != null && !only.isBlank() && Integer.parseInt(only.trim()) != i) {
                continue;
            }
            Fuzz fuzz = new Fuzz(seed, i);
            try {
                body.run(fuzz);
            } catch (Throwable t) {
                throw new AssertionError(property + " failed at seed=" + seed + " case=" + i
                        + " (replay: -D" + SEED_PROPERTY + "=" + seed + " -D" + CASE_PROPERTY + "=" + i + ")"
                        + (fuzz.trace.length() == 0 ? "" : " input: " + fuzz.trace()) + ": " + t, t);
            }
            ran++;
        }
        return ran;
    }

    /** The fixed seed, or the one given with {@code -Dcg.fuzz.seed} ({@code random}: a new one, printed). */
    public static long seed(long fixedSeed) {
        String s = System.getProperty(SEED_PROPERTY);
        if (s == null || s.isBlank()) {
            return fixedSeed;
        }
        if (s.trim().equalsIgnoreCase("random")) {
            long r = new Random().nextLong();
            System.out.println("fuzz seed " + r + " (-D" + SEED_PROPERTY + "=" + r + ")");
            return r;
        }
        return Long.decode(s.trim());
    }

    /** SplitMix64's finalizer over seed and index: neighbouring cases get unrelated streams. */
    static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ trace

    /** Notes a step that built this case's input (printed when the case fails). */
    public Fuzz note(String step) {
        if (trace.length() < 2000) {
            trace.append(trace.length() == 0 ? "" : ", ").append(step);
        }
        return this;
    }

    public String trace() {
        return trace.length() < 2000 ? trace.toString() : trace + "…";
    }

    // ------------------------------------------------------------------ values

    public Random random() {
        return random;
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** A uniform int in [min, max]. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... from) {
        return from[random.nextInt(from.length)];
    }

    /** An index into {@code weights}, chosen with those relative weights. */
    public int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    public byte[] bytes(int minLength, int maxLength) {
        byte[] b = new byte[between(minLength, maxLength)];
        random.nextBytes(b);
        return b;
    }

    /** Any chars: printable ASCII, control characters and the whole BMP (lone surrogates included). */
    public String string(int maxLength) {
        int n = between(0, maxLength);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(switch (weighted(5, 2, 3)) {
                case 0 -> (char) between(0x20, 0x7E);
                case 1 -> (char) between(0, 0x1F);
                default -> (char) random.nextInt(0x10000);
            });
        }
        return sb.toString();
    }

    /** Chars from {@code alphabet}, length in [minLength, maxLength]. */
    public String string(String alphabet, int minLength, int maxLength) {
        int n = between(minLength, maxLength);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // ------------------------------------------------------------------ mutations

    /**
     * One corpus entry (noted by name) mutated by 0 to {@code maxSteps} steps: byte flips, insertions of
     * {@code tokens} (repeated 1-4 times) and of raw bytes, deletions, duplications, splices from another corpus
     * entry, truncation.
     */
    public byte[] mutated(List<Named> corpus, List<String> tokens, int maxSteps) {
        Named from = pick(corpus);
        note(from.name());
        byte[] b = from.bytes();
        int steps = between(0, maxSteps);
        for (int i = 0; i < steps; i++) {
            b = mutate(b, corpus, tokens);
        }
        return b;
    }

    /** A corpus entry: its name (for the trace) and bytes. */
    public record Named(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One mutation step, chosen with weights flip 3, insert token 6, raw bytes 2, delete 2, duplicate 2, splice 1, truncate 1. */
    public byte[] mutate(byte[] in, List<Named> corpus, List<String> tokens) {
        switch (weighted(3, 6, 2, 2, 2, 1, 1)) {
            case 0 -> {
                byte b = (byte) random.nextInt(256);
                if (in.length == 0) {
                    note("flip@0=" + b);
                    return new byte[] {b};
                }
                int at = random.nextInt(in.length);
                note("flip@" + at + "=" + b);
                byte[] out = in.clone();
                out[at] = b;
                return out;
            }
            case 1 -> {
                int at = between(0, in.length);
                String t = pick(tokens);
                int times = between(1, 4);
                note("insert@" + at + "=" + quote(t) + "x" + times);
                return splice(in, at, 0, t.repeat(times).getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                int at = between(0, in.length);
                byte[] raw = bytes(1, 8);
                note("raw@" + at + "=" + Arrays.toString(raw));
                return splice(in, at, 0, raw);
            }
            case 3 -> {
                if (in.length == 0) {
                    return in;
                }
                int at = random.nextInt(in.length);
                int n = between(1, 64);
                note("delete@" + at + "+" + n);
                return splice(in, at, n, new byte[0]);
            }
            case 4 -> {
                int a = between(0, in.length);
                int b = between(0, in.length);
                int from = Math.min(a, b);
                int to = Math.max(a, b);
                note("dup[" + from + "," + to + ")");
                return splice(in, to, 0, Arrays.copyOfRange(in, from, Math.min(to, from + 4096)));
            }
            case 5 -> {
                Named other = pick(corpus);
                int a = between(0, other.bytes().length);
                int b = between(0, other.bytes().length);
                int from = Math.min(a, b);
                int to = Math.min(Math.max(a, b), from + 4096);
                int at = between(0, in.length);
                note("splice@" + at + "=" + other.name() + "[" + from + "," + to + ")");
                return splice(in, at, 0, Arrays.copyOfRange(other.bytes(), from, to));
            }
            default -> {
                int to = between(0, in.length);
                note("truncate@" + to);
                return Arrays.copyOf(in, to);
            }
        }
    }

    /** {@code in} with {@code remove} bytes at {@code at} replaced by {@code insert} (bounds clamped). */
    public static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        at = Math.max(0, Math.min(at, in.length));
        remove = Math.max(0, Math.min(remove, in.length - at));
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    /** A list of 0 to {@code maxSize} elements from {@code element}. */
    public <T> List<T> list(int maxSize, java.util.function.Supplier<T> element) {
        int n = between(0, maxSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.get());
        }
        return out;
    }

    /** Java-escaped, for traces and messages. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
