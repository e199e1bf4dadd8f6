package dev.composeguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.invocation.EngineFlags;
import dev.composeguard.invocation.InvocationParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine compose will use, by compose v2's (docker CLI) and docker-compose 1.x's (docker-py) rules. */
class EngineResolverTest {
    @TempDir
    Path home;

    private Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    private static EngineFlags plugin(String... argv) {
        return EngineFlags.of(InvocationParser.parse(List.of(argv), Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker")));
    }

    private static EngineFlags standalone(String... argv) {
        return EngineFlags.of(InvocationParser.parse(List.of(argv), Map.of()));
    }

    static void context(Path configDir, String name, String host) {
        dev.composeguard.testsupport.SecondEngine.writeContext(configDir, name, host);
    }

    private void currentContext(Path configDir, String name) throws IOException {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    @Test
    void engineFlagsComeFromDockersGlobalFlagsInPluginMode() {
        EngineFlags f = plugin("-H", "unix:///a.sock", "--config", "/cfg", "--tlsverify", "--tlscacert=/c/ca.pem",
                "compose", "-p", "x", "down", "-v");
        assertEquals(List.of("unix:///a.sock"), f.hosts());
        assertEquals("/cfg", f.configDir());
        assertEquals(Boolean.TRUE, f.tlsVerify());
        assertEquals("/c/ca.pem", f.tlsCaCert());
        assertEquals("prod", plugin("--context=prod", "-D", "compose", "down").context());
        assertEquals("prod", plugin("-c", "prod", "compose", "down").context());
        assertEquals(List.of("tcp://h:1"), plugin("--host=tcp://h:1", "compose", "down").hosts());
        assertTrue(plugin("compose", "down", "-v", "-H", "x").isEmpty(), "after the subcommand it is not a root flag");
    }

    @Test
    void engineFlagsAmongComposeRootFlags() {
        assertEquals(List.of("unix:///b.sock"), standalone("-f", "c.yml", "-H", "unix:///b.sock", "down", "-v").hosts());
        assertEquals(List.of("unix:///b.sock"), standalone("--ho", "unix:///b.sock", "down").hosts(), "v1 prefix");
        assertEquals("prod", standalone("--context", "prod", "down").context());
        assertNull(standalone("--config", "x", "down").configDir(), "--config is docker's, not compose's");
    }

    @Test
    void v2DefaultIsTheDefaultSocket() {
        assertEquals(EngineTarget.DEFAULT.host(), EngineResolver.v2(EngineFlags.NONE, env(), home).host());
    }

    @Test
    void v2HostFlagWinsOverEverythingButContextFlag() throws Exception {
        currentContext(home.resolve(".docker"), "prod");
        EngineTarget t = EngineResolver.v2(plugin("-H", "unix:///other.sock", "compose", "down"),
                env("DOCKER_HOST", "unix:///env.sock", "DOCKER_CONTEXT", "prod"), home);
        assertEquals("unix:///other.sock", t.host());
        assertEquals("-H", t.how());
    }

    @Test
    void v2DockerHostWinsOverDockerContext() {
        EngineTarget t = EngineResolver.v2(EngineFlags.NONE, env("DOCKER_HOST", "unix:///env.sock",
                "DOCKER_CONTEXT", "nosuch"), home);
        assertEquals("unix:///env.sock", t.host());
    }

    @Test
    void v2ContextFlagWinsOverDockerHost() throws Exception {
        context(home.resolve(".docker"), "prod", "unix:///prod.sock");
        EngineTarget t = EngineResolver.v2(plugin("--context", "prod", "compose", "down"),
                env("DOCKER_HOST", "unix:///env.sock"), home);
        assertEquals("unix:///prod.sock", t.host());
    }

    @Test
    void v2DockerContextAndCurrentContextAreReadFromHomeNotUserHome() throws Exception {
        context(home.resolve(".docker"), "prod", "unix:///prod.sock");
        assertEquals("unix:///prod.sock", EngineResolver.v2(EngineFlags.NONE, env("DOCKER_CONTEXT", "prod"), home).host());
        currentContext(home.resolve(".docker"), "prod");
        EngineTarget t = EngineResolver.v2(EngineFlags.NONE, env(), home);
        assertEquals("unix:///prod.sock", t.host());
        assertTrue(t.how().contains("currentContext of " + home), t.how());
    }

    @Test
    void v2ConfigFlagAndDockerConfigChooseTheConfigDirectory() throws Exception {
        Path cfg = home.resolve("cfg");
        context(cfg, "prod", "unix:///prod.sock");
        currentContext(cfg, "prod");
        assertEquals("unix:///prod.sock", EngineResolver.v2(plugin("--config", cfg.toString(), "compose", "down"),
                env(), home).host());
        assertEquals("unix:///prod.sock", EngineResolver.v2(EngineFlags.NONE, env("DOCKER_CONFIG", cfg.toString()),
                home).host());
        assertEquals("unix:///prod.sock", EngineResolver.v2(plugin("--config", "cfg", "compose", "down"), env(), home)
                .host(), "relative to the call's directory");
    }

    @Test
    void whatCannotBeFollowedIsRefusedWithExit5() {
        assertRefused(() -> EngineResolver.v2(plugin("--context", "nosuch", "compose", "down"), env(), home), "nosuch");
        assertRefused(() -> EngineResolver.v2(EngineFlags.NONE, env("DOCKER_CONTEXT", "nosuch"), home), "nosuch");
        assertRefused(() -> EngineResolver.v2(plugin("-H", "unix:///a", "--context", "x", "compose", "down"), env(), home),
                "both");
        assertRefused(() -> EngineResolver.v2(EngineFlags.NONE, env("DOCKER_HOST", "ssh://me@host"), home), "ssh://");
        assertRefused(() -> EngineResolver.v2(plugin("--tls", "-H", "tcp://h:2376", "compose", "down"), env(), home),
                "TLS");
        assertRefused(() -> EngineResolver.v2(EngineFlags.NONE, env("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY",
                "1"), home), "ca.pem");
    }

    @Test
    void unreadableConfigJsonIsRefused() throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{not json");
        assertRefused(() -> EngineResolver.v2(EngineFlags.NONE, env(), home), "config.json");
    }

    @Test
    void verifiedTlsUsesTheCertDirectory() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(certs.resolve(f), "x");
        }
        EngineTarget t = EngineResolver.v2(EngineFlags.NONE, env("DOCKER_HOST", "tcp://h", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()), home);
        assertEquals("tcp://h:2376", t.host());
        assertEquals(certs, t.tlsDir());
    }

    @Test
    void v1IgnoresDockerContextAndReadsDockerHostFromTheEnvFile() throws Exception {
        context(home.resolve(".docker"), "prod", "unix:///prod.sock");
        assertEquals(EngineTarget.DEFAULT.host(), EngineResolver.v1(EngineFlags.NONE, env("DOCKER_CONTEXT", "prod"),
                null, home).host());
        EngineTarget t = EngineResolver.v1(EngineFlags.NONE, env(), Map.of("DOCKER_HOST", "unix:///dotenv.sock"), home);
        assertEquals("unix:///dotenv.sock", t.host());
        assertTrue(t.how().contains("env file"), t.how());
        currentContext(home.resolve(".docker"), "prod");
        assertEquals("unix:///prod.sock", EngineResolver.v1(EngineFlags.NONE, env(), Map.of(), home).host());
    }

    @Test
    void v1HostAndContextFlags() throws Exception {
        context(home.resolve(".docker"), "prod", "unix:///prod.sock");
        currentContext(home.resolve(".docker"), "default");
        assertEquals("unix:///h.sock", EngineResolver.v1(standalone("-H", "unix:///h.sock", "down"), env(), Map.of(),
                home).host());
        assertEquals("unix:///prod.sock", EngineResolver.v1(standalone("--context", "prod", "down"), env(), Map.of(),
                home).host());
        assertRefused(() -> EngineResolver.v1(standalone("-c", "nosuch", "down"), env(), Map.of(), home), "nosuch");
    }

    @Test
    void hostsAreNormalisedLikeDockersParseHost() {
        assertEquals("tcp://h:2375", EngineResolver.normalize("h", false));
        assertEquals("tcp://h:2376", EngineResolver.normalize("tcp://h", true));
        assertEquals("tcp://h:9", EngineResolver.normalize("tcp://h:9", false));
        assertEquals(EngineTarget.DEFAULT.host(), EngineResolver.normalize("unix://", false));
        assertEquals("unix:///x.sock", EngineResolver.normalize("unix:///x.sock", false));
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable call, String mention) {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, call);
        assertEquals(ExitCodes.ENGINE_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }
}
