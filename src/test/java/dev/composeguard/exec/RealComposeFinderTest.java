package dev.composeguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealComposeFinderTest {

    @TempDir
    Path tmp;

    private Path home;
    private Path dockerConfig;
    private Path systemDir;
    private Path pathDir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void layout() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
        systemDir = Files.createDirectories(tmp.resolve("usr/libexec/docker/cli-plugins"));
        pathDir = Files.createDirectories(tmp.resolve("bin"));
        env.put("HOME", home.toString());
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        env.put("PATH", pathDir.toString());
    }

    private RealCompose find() {
        return finder().find();
    }

    private RealComposeFinder finder() {
        return new RealComposeFinder(env, List.of(systemDir.toString()));
    }

    private static Path executable(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path realCompose(Path file) throws IOException {
        return executable(file, "#!/bin/sh\necho real compose\n");
    }

    private static Path shim(Path file) throws IOException {
        return executable(file, "#!/usr/bin/env bash\n# " + RealComposeFinder.SHIM_MARKER + ": test shim\nexec guard \"$@\"\n");
    }

    @Test
    void explicitPathWinsOverPluginAndPath() throws IOException {
        realCompose(systemDir.resolve("docker-compose"));
        realCompose(pathDir.resolve("docker-compose"));
        Path explicit = realCompose(tmp.resolve("opt/compose/docker-compose"));
        env.put("COMPOSE_GUARD_REAL_COMPOSE", explicit.toString());
        RealCompose real = find();
        assertEquals(explicit, real.path());
        assertFalse(real.plugin());
        assertEquals("COMPOSE_GUARD_REAL_COMPOSE", real.origin());
    }

    @Test
    void explicitPathInAPluginDirectoryIsAPlugin() throws IOException {
        Path explicit = realCompose(tmp.resolve("elsewhere/cli-plugins/docker-compose"));
        env.put("COMPOSE_GUARD_REAL_COMPOSE", explicit.toString());
        assertTrue(find().plugin());
    }

    @Test
    void explicitPathThatIsNotExecutableFailsWithExitSix() throws IOException {
        Path notExec = Files.writeString(tmp.resolve("docker-compose"), "#!/bin/sh\n");
        env.put("COMPOSE_GUARD_REAL_COMPOSE", notExec.toString());
        GuardException e = assertThrows(GuardException.class, this::find);
        assertEquals(ExitCodes.COMPOSE_NOT_FOUND, e.exitCode());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", tmp.toString());
        assertEquals(ExitCodes.COMPOSE_NOT_FOUND, assertThrows(GuardException.class, this::find).exitCode());
    }

    @Test
    void explicitPathThatIsTheGuardIsRefused() throws IOException {
        env.put("COMPOSE_GUARD_REAL_COMPOSE", shim(pathDir.resolve("docker-compose")).toString());
        GuardException e = assertThrows(GuardException.class, this::find);
        assertEquals(ExitCodes.COMPOSE_NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("compose-guard itself"), e.getMessage());
    }

    @Test
    void pluginWinsOverPath() throws IOException {
        Path plugin = realCompose(systemDir.resolve("docker-compose"));
        realCompose(pathDir.resolve("docker-compose"));
        RealCompose real = find();
        assertEquals(plugin, real.path());
        assertTrue(real.plugin());
    }

    @Test
    void userPluginDirectoryComesBeforeSystemDirectories() throws IOException {
        Path user = realCompose(dockerConfig.resolve("cli-plugins/docker-compose"));
        realCompose(systemDir.resolve("docker-compose"));
        assertEquals(user, find().path());
    }

    @Test
    void homeDockerDirectoryIsUsedWithoutDockerConfig() throws IOException {
        env.remove("DOCKER_CONFIG");
        Path user = realCompose(home.resolve(".docker/cli-plugins/docker-compose"));
        assertEquals(user, find().path());
    }

    @Test
    void cliPluginsExtraDirsComeFirst() throws IOException {
        Path extra = realCompose(tmp.resolve("extra dir/docker-compose"));
        realCompose(dockerConfig.resolve("cli-plugins/docker-compose"));
        Files.writeString(dockerConfig.resolve("config.json"), "{\n  \"auths\": {},\n  \"cliPluginsExtraDirs\": [\n    \""
                + tmp.resolve("missing") + "\",\n    \"" + tmp.resolve("extra dir") + "\"\n  ]\n}\n");
        RealCompose real = find();
        assertEquals(extra, real.path());
        assertTrue(real.plugin());
    }

    @Test
    void extraDirsParserIgnoresBrokenConfig() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"cliPluginsExtraDirs\": [\"/a\", ");
        assertEquals(List.of(), RealComposeFinder.extraPluginDirs(config));
        assertEquals(List.of(), RealComposeFinder.extraPluginDirs(tmp.resolve("absent.json")));
        Files.writeString(config, "{\"cliPluginsExtraDirs\":[\"/a\",\"/b\\/c\"]}");
        assertEquals(List.of("/a", "/b/c"), RealComposeFinder.extraPluginDirs(config));
    }

    @Test
    void skipsTheUserPluginShimAndFindsTheSystemPlugin() throws IOException {
        shim(dockerConfig.resolve("cli-plugins/docker-compose"));
        Path system = realCompose(systemDir.resolve("docker-compose"));
        RealCompose real = find();
        assertEquals(system, real.path());
        assertTrue(real.plugin());
    }

    @Test
    void withoutAnyRealPluginFallsBackToStandaloneOnPathSkippingShims() throws IOException {
        shim(dockerConfig.resolve("cli-plugins/docker-compose"));
        Path first = Files.createDirectories(tmp.resolve("guard-bin"));
        shim(first.resolve("docker-compose"));
        Path standalone = realCompose(pathDir.resolve("docker-compose"));
        env.put("PATH", first + ":" + pathDir);
        RealCompose real = find();
        assertEquals(standalone, real.path());
        assertFalse(real.plugin());
        assertEquals("PATH", real.origin());
    }

    @Test
    void skipsASymlinkToTheLauncher() throws IOException {
        Path launcher = executable(tmp.resolve("install/bin/compose-guard"), "#!/usr/bin/env bash\necho launcher\n");
        env.put("COMPOSE_GUARD_LAUNCHER", launcher.toString());
        Path first = Files.createDirectories(tmp.resolve("aliases"));
        Files.createSymbolicLink(first.resolve("docker-compose"), launcher);
        Files.createSymbolicLink(dockerConfig.resolve("cli-plugins"), first);
        Path standalone = realCompose(pathDir.resolve("docker-compose"));
        env.put("PATH", first + "::" + pathDir);
        assertEquals(standalone, find().path());
    }

    @Test
    void skipsACopyOfTheLauncherItself() throws IOException {
        Path launcher = Path.of("bin/compose-guard");
        assertTrue(Files.isRegularFile(launcher), "run from the repository root");
        Path copy = tmp.resolve("aliases/docker-compose");
        Files.createDirectories(copy.getParent());
        Files.copy(launcher, copy);
        assertTrue(finder().isSelf(copy));
        assertFalse(finder().isSelf(realCompose(tmp.resolve("x/docker-compose"))));
    }

    @Test
    void onlyShimsEverywhereIsExitSixNamingWhatWasSkipped() throws IOException {
        Path pluginShim = shim(dockerConfig.resolve("cli-plugins/docker-compose"));
        Path pathShim = shim(pathDir.resolve("docker-compose"));
        GuardException e = assertThrows(GuardException.class, this::find);
        assertEquals(ExitCodes.COMPOSE_NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains(pluginShim.toString()) && e.getMessage().contains(pathShim.toString()),
                e.getMessage());
    }

    @Test
    void nothingAtAllIsExitSix() {
        assertEquals(ExitCodes.COMPOSE_NOT_FOUND, assertThrows(GuardException.class, this::find).exitCode());
    }

    @Test
    void directoriesAndNonExecutablesAreNotCompose() throws IOException {
        Files.createDirectories(systemDir.resolve("docker-compose"));
        Files.writeString(pathDir.resolve("docker-compose"), "not executable");
        Path later = realCompose(tmp.resolve("later/docker-compose"));
        env.put("PATH", pathDir + ":" + later.getParent());
        assertEquals(later, find().path());
    }
}
