package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.backup.BackupMetrics;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.PushState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The off-host part of {@code backups check}: a failed last push fails the check (exit 1) until a push succeeds. */
final class OffsiteCheck {
    private OffsiteCheck() {
    }

    /** Projects (checked, or among the verdicts; every one with a push state for the whole store) whose last push failed; each is named on stdout (text) or stderr. */
    static List<String> failedPushes(CallContext ctx, BackupStore store, List<BackupMetrics.Verdict> verdicts,
            String project, boolean quietStdout) {
        TreeSet<String> projects = new TreeSet<>();
        verdicts.forEach(v -> projects.add(v.project()));
        if (project != null) {
            projects.add(project);
        } else {
            projects.addAll(PushState.projects(store.root())); // the whole store: every project that pushed
        }
        List<String> failed = new ArrayList<>();
        for (String p : projects) {
            PushState s = PushState.read(store.root(), p);
            if (s.failed()) {
                failed.add(p);
                String line = "PUSH FAILED " + p + ": " + s.lastError + " (last attempt " + s.lastAttempt
                        + (s.lastSuccess == null ? ", never succeeded" : ", last success " + s.lastSuccess) + ")";
                if (quietStdout) {
                    ctx.say(line);
                } else {
                    ctx.out().println(line);
                }
            }
        }
        return failed;
    }

    static List<BackupMetrics.Verdict> withPushVerdict(List<BackupMetrics.Verdict> verdicts, List<String> failed) {
        return verdicts.stream().map(v -> failed.contains(v.project())
                ? new BackupMetrics.Verdict(v.project(), v.volume(), false) : v).toList();
    }
}
