package dev.composeguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.invocation.Invocation;
import dev.composeguard.invocation.InvocationParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoffTest {

    private static final RealCompose PLUGIN = new RealCompose(Path.of("/usr/libexec/docker/cli-plugins/docker-compose"), true, "t");
    private static final RealCompose STANDALONE = new RealCompose(Path.of("/usr/bin/docker-compose"), false, "t");
    private static final Map<String, String> PLUGIN_ENV = Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker");

    private static Invocation plugin(String... argv) {
        return InvocationParser.parse(List.of(argv), PLUGIN_ENV);
    }

    @Test
    void standaloneCallsKeepTheirArgvWhole() {
        Invocation inv = InvocationParser.parse(List.of("-p", "x", "ps"), Map.of());
        assertEquals(0, Handoff.shiftFor(inv, STANDALONE));
        assertEquals(0, Handoff.shiftFor(inv, PLUGIN));
    }

    @Test
    void pluginToPluginKeepsDockerFlagsAndTheComposeWord() {
        assertEquals(0, Handoff.shiftFor(plugin("--context", "prod", "compose", "ps"), PLUGIN));
    }

    @Test
    void pluginToStandaloneDropsTheComposeWord() {
        assertEquals(1, Handoff.shiftFor(plugin("compose", "-p", "x", "ps"), STANDALONE));
    }

    @Test
    void pluginToStandaloneDropsLoggingFlags() {
        assertEquals(5, Handoff.shiftFor(plugin("-D", "-l", "debug", "--log-level=info", "compose", "ps"), STANDALONE));
    }

    @Test
    void pluginToStandaloneRefusesFlagsThatChooseTheEngine() {
        for (List<String> flags : List.of(List.of("-H", "tcp://prod:2376"), List.of("--host=ssh://prod"),
                List.of("--context", "prod"), List.of("-c", "prod"), List.of("--config", "/etc/docker"),
                List.of("--tlsverify"))) {
            String[] argv = new String[flags.size() + 2];
            for (int i = 0; i < flags.size(); i++) {
                argv[i] = flags.get(i);
            }
            argv[flags.size()] = "compose";
            argv[flags.size() + 1] = "down";
            GuardException e = assertThrows(GuardException.class, () -> Handoff.shiftFor(plugin(argv), STANDALONE),
                    flags.toString());
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("nothing was run"), e.getMessage());
            assertTrue(!e.getMessage().contains("prod"), "never echo the flag's value: " + e.getMessage());
        }
    }
}
