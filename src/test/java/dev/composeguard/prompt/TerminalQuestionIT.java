package dev.composeguard.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Pty;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call's one question on a real pseudo-terminal, without Docker ({@link AskOnceMain}: a lint part and a destroy
 * part, asked through GuardedCall.askOnce after a "slow backup"). Tagged "it": each case starts a JVM on a pty.
 */
@Tag("it")
class TerminalQuestionIT {
    static final String BACKUP = "/var/backups/compose-guard/shop-20261130T120000Z";
    @TempDir
    Path dir;

    @BeforeAll
    static void pty() {
        Assumptions.assumeTrue(Pty.available(), "python3 with pty is needed");
    }

    Cmd.Result ask(long backupMillis, boolean stdinNull, String... script) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_CONFIRM", null);
        env.put("COMPOSE_GUARD_TTY", null);
        env.put("TERM", "xterm");
        env.put("NO_COLOR", "1");
        return Pty.run(dir, env, List.of(script), stdinNull,
                Pty.java(AskOnceMain.class.getName(), BACKUP, Long.toString(backupMillis)));
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theNameTypedAheadDuringTheBackupDoesNotAnswer() throws Exception {
        // "shop" + Enter while the backup runs, then a wrong word at the question: the typed-ahead name is dropped.
        Cmd.Result r = ask(2500, false, "sleep:1", "send:shop\\n", "wait:to proceed", "send:no\\n");
        assertEquals(ExitCodes.REFUSED, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("typed before this question were discarded"), r.toString());
        assertTrue(r.stdout().contains("the answer was not shop") && r.stdout().contains("nothing was deleted"),
                r.toString());
        assertEquals(1, count(r.stdout(), "to proceed"), "one question for the lint and the destroy part: " + r);
        assertTrue(r.stdout().contains("[CG108]") && r.stdout().contains("volume shop_db"), r.toString());
        assertFalse(r.stdout().contains("\u001b[3"), "NO_COLOR: no colour " + r);
    }

    @Test
    void ctrlCAndCtrlDCancelOnAFreshLineSayingNothingWasDeletedAndWhereTheBackupIs() throws Exception {
        for (String key : List.of("\\x03", "\\x04")) {
            Cmd.Result r = ask(0, false, "wait:to proceed", "sleep:0.3", "send:" + key);
            assertEquals(ExitCodes.REFUSED, r.exitCode(), r.toString());
            String screen = r.stdout();
            int at = screen.indexOf("compose-guard: refusing up of project shop");
            assertTrue(at > 0 && screen.charAt(at - 1) == '\n', "on a fresh line: " + r);
            assertTrue(screen.contains(key.equals("\\x03") ? "cancelled (Ctrl-C)" : "cancelled (Ctrl-D)"), r.toString());
            assertTrue(screen.contains("nothing was deleted (the backup is kept at " + BACKUP + ")"), r.toString());
        }
    }

    @Test
    void theNameTypedAtTheQuestionProceedsEvenWhenStdinIsNotTheTerminal() throws Exception {
        // stdin is compose's (-f -): the question is asked on the controlling terminal all the same.
        Cmd.Result r = ask(0, true, "wait:to proceed", "sleep:0.3", "send:shop\\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("confirmed on the terminal"), r.toString());
        assertFalse(r.stdout().contains("discarded"), r.toString());
    }
}
