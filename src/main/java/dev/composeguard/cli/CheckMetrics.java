package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Where {@code backups check}'s metrics go: stdout ({@code --format prometheus}) and/or a file in node_exporter's
 * textfile collector directory ({@code --textfile DIR}), written under a hidden temp name and renamed, so the
 * collector never reads half a file. The file is 0644: the exporter usually runs as another user, and it holds
 * no secret.
 */
final class CheckMetrics {
    private CheckMetrics() {
    }

    static void write(CallContext ctx, String text, boolean toStdout, String textfileDir, String project) {
        if (toStdout) {
            ctx.out().print(text);
            ctx.out().flush();
        }
        if (textfileDir == null) {
            return;
        }
        Path dir = ctx.cwd().resolve(textfileDir);
        if (!Files.isDirectory(dir)) {
            throw new GuardException(ExitCodes.USAGE, "--textfile: no directory " + dir);
        }
        String name = project == null ? "compose-guard.prom" : "compose-guard-" + project + ".prom";
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the error below is what matters
            }
            throw new GuardException(ExitCodes.INTERNAL, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

}
