package dev.composeguard.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationParserTest {

    private static Invocation parse(String... argv) {
        return InvocationParser.parse(List.of(argv), Map.of());
    }

    @Test
    void readsGlobalFlagsInEverySpelling() {
        Invocation inv = parse("-f", "a.yml", "--file=b.yml", "-fc.yml", "-pShop", "--env-file", ".env.prod",
                "--profile=db", "--project-directory", "infra", "up", "-d");
        assertEquals(List.of("a.yml", "b.yml", "c.yml"), inv.global().files());
        assertEquals("Shop", inv.global().projectName());
        assertEquals(List.of(".env.prod"), inv.global().envFiles());
        assertEquals(List.of("db"), inv.global().profiles());
        assertEquals("infra", inv.global().projectDirectory());
        assertEquals("up", inv.command());
        assertEquals(List.of("-d"), inv.commandArgs());
        assertEquals(CommandKind.GUARDED, inv.kind());
    }

    @Test
    void unknownFlagsPassThroughAndDoNotHideTheCommand() {
        Invocation inv = parse("--some-future-flag", "--ansi", "never", "ps", "--format", "json");
        assertEquals("ps", inv.command());
        assertEquals(CommandKind.SAFE, inv.kind());
        assertEquals("never", inv.global().ansi());
    }

    @Test
    void subcommandShortFlagsAreNotRootFlags() {
        // logs -f is "follow", not a file; down -v is "volumes", not "version".
        Invocation logs = parse("logs", "-f", "web");
        assertEquals(List.of(), logs.global().files());
        assertEquals(List.of("-f", "web"), logs.commandArgs());
    }

    @Test
    void v1AcceptsUnambiguousLongPrefixes() {
        Invocation inv = parse("--project-n", "foo", "--fil", "x.yml", "down");
        assertEquals("foo", inv.global().projectName());
        assertEquals(List.of("x.yml"), inv.global().files());
    }

    @Test
    void pluginModeSkipsDockerFlagsAndTheComposeWord() {
        Invocation inv = InvocationParser.parse(List.of("--context", "default", "-D", "compose", "-p", "x", "down", "-v"),
                Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker"));
        assertTrue(inv.pluginMode());
        assertEquals(4, inv.composeStart());
        assertEquals("x", inv.global().projectName());
        assertEquals("down", inv.command());
    }

    @Test
    void guardCommandsAndFlags() {
        assertEquals(CommandKind.GUARD, parse("-f", "x.yml", "lint", "--format", "json").kind());
        assertEquals(CommandKind.GUARD, parse("--guard-help").kind());
        assertEquals(CommandKind.SAFE, parse("--version").kind());
        assertEquals(CommandKind.SAFE, parse().kind());
    }

    @Test
    void commandFlagsReadVolumesInEverySpelling() {
        var spec = Map.of("-v", "--volumes", "-t", "--timeout");
        var values = java.util.Set.of("--timeout");
        assertTrue(CommandFlags.parse(List.of("-v"), spec, values).isSet("--volumes"));
        assertTrue(CommandFlags.parse(List.of("--volumes=true"), spec, values).isSet("--volumes"));
        assertTrue(CommandFlags.parse(List.of("-tv"), Map.of("-v", "--volumes"), java.util.Set.of()).isSet("--volumes"));
        assertTrue(CommandFlags.parse(List.of("-t", "5", "-v"), spec, values).isSet("--volumes"));
        assertFalse(CommandFlags.parse(List.of("--volumes=false"), spec, values).isSet("--volumes"));
        assertFalse(CommandFlags.parse(List.of("-t5"), spec, values).isSet("--volumes"));
    }
}
