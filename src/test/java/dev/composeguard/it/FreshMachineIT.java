package dev.composeguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.testsupport.Cmd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * README's install line, literally, on a fresh Debian 12 root filesystem that has only git and CA certificates
 * (issue 19): install.sh must bring a JDK and Maven itself, build, install, and run the guard in a compose project.
 * Skipped where mmdebstrap or a Docker Engine is missing, or with {@code -Dcg.fresh.skip=true}; it takes a few
 * minutes (packages and Maven Central are downloaded for real).
 */
@Tag("it")
class FreshMachineIT {

    @Test
    void readmeInstallLineWorksOnAFreshDebian() throws Exception {
        assumeTrue(!Boolean.getBoolean("cg.fresh.skip") && !Boolean.getBoolean("cg.it.skip"), "skipped by property");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mmdebstrap")), "mmdebstrap is not installed");
        assumeTrue(Cmd.run(null, Map.of(), List.of("docker", "info")).exitCode() == 0, "no Docker Engine");
        Path repo = Path.of("").toAbsolutePath();
        assumeTrue(Files.isDirectory(repo.resolve(".git")), "not a git checkout");

        Cmd.Result r = Cmd.run(repo, Map.of(), List.of("bash", "src/test/fresh/fresh-machine.sh", repo.toString()),
                null, 1200);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("fresh-machine: the README line exited 0"), r::toString);
        assertTrue(r.stdout().contains("/usr/local/bin/compose-guard"), r::toString);
        assertTrue(r.stderr().contains("install.sh: installing"), "install.sh says what it installs\n" + r);
    }
}
