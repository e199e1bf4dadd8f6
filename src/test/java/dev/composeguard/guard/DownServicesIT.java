package dev.composeguard.guard;

import dev.composeguard.testsupport.GuardRun;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 11 row 3: {@code down -v web} after a plain {@code down} removes more than web's own volumes. */
@Tag("it")
class DownServicesIT extends DeletionSetSupport {
    static final String COMPOSE = """
            services:
              web:
                image: compose-guard-test/busybox:1
                command: ["sleep", "3600"]
                depends_on: [db]
              db:
                image: compose-guard-test/busybox:1
                command: ["sleep", "3600"]
                volumes: [dbdata:/d]
              other:
                image: compose-guard-test/busybox:1
                command: ["sleep", "3600"]
                volumes: [otherdata:/o]
            volumes:
              dbdata: {}
              otherdata: {}
            """;

    void downVWeb(String binary, String... expected) throws Exception {
        assumeCompose(binary);
        write(COMPOSE);
        compose(binary, "up", "-d");
        compose(binary, "down", "-t", "0");
        Set<String> before = volumes(name);
        String[] argv = {"-f", dir.resolve("compose.yaml").toString(), "-p", name, "down", "-v", "web"};
        refusedNaming(guard(env(binary), argv), before, name, expected);
        GuardRun g = guard(env(binary, "COMPOSE_GUARD_CONFIRM", name), argv);
        org.junit.jupiter.api.Assertions.assertEquals(0, g.exitCode, g.toString());
        everythingRemovedWasBackedUp(before, name, g);
    }

    @Test
    void compose240RemovesTheDependsOnClosure() throws Exception {
        downVWeb(V240, name + "_dbdata");
        org.junit.jupiter.api.Assertions.assertEquals(Set.of(name + "_otherdata"), volumes(name));
    }

    @Test
    void compose226RemovesEveryActiveServicesVolumes() throws Exception {
        downVWeb(V226, name + "_dbdata", name + "_otherdata");
        org.junit.jupiter.api.Assertions.assertEquals(Set.of(), volumes(name));
    }
}
