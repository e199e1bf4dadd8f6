package dev.composeguard.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.plan.DestructiveCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing (jqwik) of compose's argv as the guard reads it ({@link InvocationParser},
 * {@link CommandFlags}, {@link DestructiveCall}). Seeded with the argv of the lint corpus and every spelling of
 * compose's root flags.
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

    @Provide
    Arbitrary<List<String>> anyArgv() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(6),
                Arbitraries.strings().withChars("-=vVfp").ofMaxLength(5));
        return word.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<String>> rootFlags() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(WORDS).filter(w -> !w.isEmpty()),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<List<String>> one = Combinators.combine(Arbitraries.of(VALUE_FLAGS), value,
                Arbitraries.integers().between(0, 2)).as((flag, v, style) -> {
                    if (style == 1 && flag.startsWith("--")) {
                        return List.of(flag + "=" + v);
                    }
                    if (style == 2 && !flag.startsWith("--")) {
                        return v.startsWith("=") ? List.of(flag, v) : List.of(flag + v);
                    }
                    return List.of(flag, v);
                });
        Arbitrary<List<String>> bool = Arbitraries.of("--verbose", "--no-ansi", "--compatibility", "--all-resources",
                "--dry-run", "--tls").map(List::of);
        return Arbitraries.oneOf(one, bool).list().ofMaxSize(5).map(l -> {
            List<String> out = new ArrayList<>();
            l.forEach(out::addAll);
            return out;
        });
    }

    @Provide
    Arbitrary<List<String>> downArgs() {
        Arbitrary<String> volumes = Arbitraries.of("-v", "--volumes", "--volumes=true", "--volumes=1", "-v=true",
                "--volumes=TRUE", "--volumes=t");
        Arbitrary<List<String>> other = Arbitraries.<List<String>>of(List.of("--remove-orphans"), List.of("-t", "5"),
                List.of("--timeout", "5"), List.of("--timeout=5"), List.of("--rmi", "all"), List.of("--rmi=local"),
                List.of("-t5"), List.of("--dry-run")).list().ofMaxSize(3).map(l -> {
                    List<String> out = new ArrayList<>();
                    l.forEach(out::addAll);
                    return out;
                });
        return Combinators.combine(other, volumes, other, Arbitraries.<List<String>>of(List.of(), List.of("db"), List.of("db", "web")))
                .as((before, v, after, services) -> {
                    List<String> out = new ArrayList<>(before);
                    out.add(v);
                    out.addAll(after);
                    out.addAll(services);
                    return out;
                });
    }

    @Property(tries = 3000)
    void anyArgvIsReadWithoutChangingIt(@ForAll("anyArgv") List<String> argv, @ForAll boolean plugin) {
        CASES.incrementAndGet();
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
        assertNotNull(CommandFlags.parse(argv, Map.of("-v", "--volumes"), java.util.Set.of("--timeout")));
    }

    @Property(tries = 3000)
    void downWithVolumesIsAlwaysGuarded(@ForAll("rootFlags") List<String> root, @ForAll("downArgs") List<String> args,
            @ForAll boolean plugin, @ForAll boolean grouped) {
        CASES.incrementAndGet();
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
        Map<String, String> env = plugin ? Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker") : Map.of();
        Invocation inv = InvocationParser.parse(argv, env);
        assertEquals("down", inv.command(), argv.toString());
        assertEquals(CommandKind.GUARDED, inv.kind(), argv.toString());
        Optional<DestructiveCall> call = DestructiveCall.of(inv.command(), inv.commandArgs());
        assertTrue(call.isPresent() && call.get().removeVolumes(), argv.toString());
    }

    @Property(tries = 1000)
    void renewAndYesOnUpAreAlwaysDestructive(@ForAll("rootFlags") List<String> root,
            @ForAll("flag") String flag, @ForAll boolean create) {
        CASES.incrementAndGet();
        List<String> argv = new ArrayList<>(root);
        argv.add(create ? "create" : "up");
        argv.add("-d".equals(flag) ? "-dV" : flag);
        Invocation inv = InvocationParser.parse(argv, Map.of());
        assertEquals(CommandKind.GUARDED, inv.kind(), argv.toString());
        assertTrue(DestructiveCall.of(inv.command(), inv.commandArgs()).isPresent(), argv.toString());
    }

    @Provide
    Arbitrary<String> flag() {
        return Arbitraries.of("-V", "--renew-anon-volumes", "--renew-anon-volumes=true", "-y", "--yes", "-d",
                "--force-recreate", "-Vd", "-dy");
    }

    @AfterContainer
    static void report() {
        System.out.println("argv fuzz: " + CASES.get() + " cases");
    }
}
