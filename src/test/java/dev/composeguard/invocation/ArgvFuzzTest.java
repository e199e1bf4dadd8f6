package dev.composeguard.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.plan.DestructiveCall;
import dev.composeguard.testsupport.Fuzz;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing ({@link Fuzz}) of compose's argv as the guard reads it ({@link InvocationParser},
 * {@link CommandFlags}, {@link DestructiveCall}). Seeded with the argv of the lint corpus and every spelling of
 * compose's root flags. Each test has a fixed seed (the same argv every run; {@code -Dcg.fuzz.seed} overrides it);
 * a failure names the seed and the case index.
 *
 * <p>Properties: the parser never throws and never changes argv (compose gets it byte for byte); and the safety
 * property: a {@code down} carrying the volumes flag in any spelling, behind any well-formed root flags (plain or
 * plugin mode), is always classified GUARDED and recognised as destructive.
 */
class ArgvFuzzTest {
    static final AtomicInteger CASES = new AtomicInteger();
    static final Duration LIMIT = Duration.ofSeconds(5);

    static final List<String> WORDS = List.of("up", "down", "rm", "create", "run", "ps", "logs", "lint", "backup",
            "restore", "compose", "-", "--", "-v", "-V", "--volumes", "--volumes=false", "--volumes=", "-f", "-p",
            "-fx.yml", "--file", "--file=", "--project-name=", "--env-file", "--profile", "-c", "--context", "-H",
            "--project-n", "--fil", "--guard-help", "--dry-run", "--dry-run=false", "-y", "--yes", "-sv", "-vs",
            "-t", "-t=5", "--timeout", "--rmi", "all", "=", "-=", "--=x", "x", "", " ", "\u0000", "\n", "é",
            "-\u00e9", "--\u2028", "-ff", "-pp", "-p=", "docker-compose.yml", "db");

    /** Root flags with values, each in a spelling compose (pflag/docopt) accepts; values may look like anything. */
    static final List<String> VALUE_FLAGS = List.of("-f", "--file", "-p", "--project-name", "--project-directory",
            "--env-file", "--profile", "--ansi", "--progress", "--parallel");

    static final List<String> NON_EMPTY_WORDS = WORDS.stream().filter(w -> !w.isEmpty()).toList();

    static final List<String> BOOL_FLAGS = List.of("--verbose", "--no-ansi", "--compatibility", "--all-resources",
            "--dry-run", "--tls");

    static final List<String> VOLUMES = List.of("-v", "--volumes", "--volumes=true", "--volumes=1", "-v=true",
            "--volumes=TRUE", "--volumes=t");

    static final List<List<String>> DOWN_OTHER = List.of(List.of("--remove-orphans"), List.of("-t", "5"),
            List.of("--timeout", "5"), List.of("--timeout=5"), List.of("--rmi", "all"), List.of("--rmi=local"),
            List.of("-t5"), List.of("--dry-run"));

    static final List<List<String>> SERVICES = List.of(List.of(), List.of("db"), List.of("db", "web"));

    static final List<String> UP_FLAGS = List.of("-V", "--renew-anon-volumes", "--renew-anon-volumes=true", "-y",
            "--yes", "-d", "--force-recreate", "-Vd", "-dy");

    // ------------------------------------------------------------------ generators

    /** Up to 12 words: from {@link #WORDS}, any chars (up to 6), or dashes, '=' and flag letters (up to 5). */
    static List<String> anyArgv(Fuzz f) {
        return f.list(12, () -> switch (f.between(0, 2)) {
            case 0 -> f.pick(WORDS);
            case 1 -> f.string(6);
            default -> f.string("-=vVfp", 0, 5);
        });
    }

    /** Up to 5 well-formed root flags: a value flag in one of its spellings, or a boolean flag. */
    static List<String> rootFlags(Fuzz f) {
        List<String> out = new ArrayList<>();
        for (List<String> one : f.list(5, () -> f.bool() ? valueFlag(f) : List.of(f.pick(BOOL_FLAGS)))) {
            out.addAll(one);
        }
        return out;
    }

    static List<String> valueFlag(Fuzz f) {
        String flag = f.pick(VALUE_FLAGS);
        String v = f.bool() ? f.pick(NON_EMPTY_WORDS) : f.string(Fuzz.ALPHA, 1, 8);
        int style = f.between(0, 2);
        if (style == 1 && flag.startsWith("--")) {
            return List.of(flag + "=" + v);
        }
        if (style == 2 && !flag.startsWith("--")) {
            return v.startsWith("=") ? List.of(flag, v) : List.of(flag + v);
        }
        return List.of(flag, v);
    }

    /** down's own arguments: other flags, the volumes flag in one spelling, other flags, services. */
    static List<String> downArgs(Fuzz f) {
        List<String> out = new ArrayList<>(downOther(f));
        out.add(f.pick(VOLUMES));
        out.addAll(downOther(f));
        out.addAll(f.pick(SERVICES));
        return out;
    }

    static List<String> downOther(Fuzz f) {
        List<String> out = new ArrayList<>();
        for (List<String> l : f.list(3, () -> f.pick(DOWN_OTHER))) {
            out.addAll(l);
        }
        return out;
    }

    static List<String> noted(Fuzz f, List<String> argv) {
        f.note("argv " + argv.stream().map(Fuzz::quote).toList());
        return argv;
    }

    // ------------------------------------------------------------------ properties

    @Test
    void anyArgvIsReadWithoutChangingIt() {
        CASES.addAndGet(Fuzz.cases("anyArgvIsReadWithoutChangingIt", 0xA26F_0001L, 3000, f -> {
            List<String> argv = noted(f, anyArgv(f));
            boolean plugin = f.bool();
            f.note("plugin=" + plugin);
            Map<String, String> env = plugin ? Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker") : Map.of();
            Invocation inv = assertTimeoutPreemptively(LIMIT, () -> InvocationParser.parse(argv, env));
            assertEquals(argv, inv.argv());
            assertTrue(inv.composeStart() >= 0 && inv.composeStart() <= argv.size());
            assertEquals(argv.subList(inv.composeStart(), argv.size()), inv.composeArgs());
            assertNotNull(inv.kind());
            // the command's own flags are read without throwing for every command
            for (String c : List.of("down", "rm", "up", "create")) {
                assertNotNull(DestructiveCall.of(c, inv.commandArgs()));
            }
            assertNotNull(CommandFlags.parse(argv, Map.of("-v", "--volumes"), Set.of("--timeout")));
        }));
    }

    @Test
    void downWithVolumesIsAlwaysGuarded() {
        CASES.addAndGet(Fuzz.cases("downWithVolumesIsAlwaysGuarded", 0xA26F_0002L, 3000, f -> {
            List<String> root = rootFlags(f);
            List<String> args = downArgs(f);
            boolean plugin = f.bool();
            boolean grouped = f.bool();
            List<String> argv = new ArrayList<>();
            if (plugin) {
                argv.addAll(List.of("--context", "default", "-D", "compose"));
            }
            argv.addAll(root);
            argv.add("down");
            List<String> a = new ArrayList<>(args);
            if (grouped && a.contains("-v") && !a.contains("-t") && a.stream().noneMatch(x -> x.startsWith("-t"))) {
                a.set(a.indexOf("-v"), "-vt5"); // grouped: -v then -t with an attached value
            }
            argv.addAll(a);
            noted(f, argv);
            Map<String, String> env = plugin ? Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker") : Map.of();
            Invocation inv = InvocationParser.parse(argv, env);
            assertEquals("down", inv.command(), argv.toString());
            assertEquals(CommandKind.GUARDED, inv.kind(), argv.toString());
            Optional<DestructiveCall> call = DestructiveCall.of(inv.command(), inv.commandArgs());
            assertTrue(call.isPresent() && call.get().removeVolumes(), argv.toString());
        }));
    }

    @Test
    void renewAndYesOnUpAreAlwaysDestructive() {
        CASES.addAndGet(Fuzz.cases("renewAndYesOnUpAreAlwaysDestructive", 0xA26F_0003L, 1000, f -> {
            List<String> root = rootFlags(f);
            String flag = f.pick(UP_FLAGS);
            boolean create = f.bool();
            List<String> argv = new ArrayList<>(root);
            argv.add(create ? "create" : "up");
            argv.add("-d".equals(flag) ? "-dV" : flag);
            noted(f, argv);
            Invocation inv = InvocationParser.parse(argv, Map.of());
            assertEquals(CommandKind.GUARDED, inv.kind(), argv.toString());
            assertTrue(DestructiveCall.of(inv.command(), inv.commandArgs()).isPresent(), argv.toString());
        }));
    }

    @AfterAll
    static void report() {
        System.out.println("argv fuzz: " + CASES.get() + " cases");
    }
}
