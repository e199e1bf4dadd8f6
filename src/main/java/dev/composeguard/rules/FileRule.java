package dev.composeguard.rules;

import java.util.List;

/**
 * A file rule (CG1xx): a pure function of the loaded project, the configuration and (for existence checks) the file
 * system, reached through {@link FileContext}. It runs in {@code lint}, before compose calls and in CI, without an
 * engine.
 */
public non-sealed interface FileRule extends Rule {

    List<Finding> check(FileContext ctx);
}
