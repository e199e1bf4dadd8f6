package dev.composeguard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DestructiveCallTest {

    private static boolean destructive(String command, String... args) {
        return DestructiveCall.of(command, List.of(args)).isPresent();
    }

    @Test
    void v1LongOptionPrefixesAreRecognised() {
        // docker-compose 1.29 (docopt) runs `down --volu` as `down --volumes` (checked against the real binary).
        assertTrue(destructive("down", "--volu"));
        assertTrue(destructive("down", "--vol=true"));
        assertTrue(destructive("down", "--rem", "--volumes"));
        assertTrue(destructive("rm", "-f", "--vol"));
        assertTrue(destructive("up", "-d", "--renew"));
        assertTrue(destructive("up", "--force-rec"));
        assertTrue(destructive("create", "--ye"));
    }

    @Test
    void prefixesOfHarmlessFlagsStayHarmless() {
        assertFalse(destructive("down", "--rem"));
        assertFalse(destructive("down", "--tim", "5"));
        assertFalse(destructive("up", "-d", "--no-rec"));
        assertFalse(destructive("down", "--volumes=false"));
    }

    @Test
    void aPrefixValueFlagStillEatsItsValue() {
        DestructiveCall c = DestructiveCall.of("down", List.of("--tim", "5", "-v", "web")).orElseThrow();
        assertEquals(List.of("web"), c.services());
    }
}
