package dev.composeguard.rules;

import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.project.Project;

/**
 * What an engine rule may look at: the loaded project, the engine's state (null for rules that do not
 * {@linkplain EngineRule#needsEngine need it}), the last recorded deploy of the project directory (empty when there is
 * none) and the ledger's salt for credential hashes (null when the ledger has none yet).
 */
public record EngineContext(Project project, EngineSnapshot engine, LastDeploy last, byte[] salt) {

    public EngineContext {
        last = last == null ? LastDeploy.NONE : last;
    }
}
