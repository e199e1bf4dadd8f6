package dev.composeguard.rules;

import java.util.List;

/**
 * An engine rule (CG2xx): the loaded project against what the Docker Engine holds and what the last recorded deploy
 * of the project directory was, reached through {@link EngineContext}. It runs before up/create/run and in
 * {@code doctor}.
 */
public non-sealed interface EngineRule extends Rule {

    List<Finding> check(EngineContext ctx);

    /**
     * False when the rule reads only the project and the last deploy: it then runs without asking the engine at all,
     * and a project without data mounts never pays for a connection.
     */
    default boolean needsEngine() {
        return true;
    }

    /**
     * True when an error-level finding of this rule stops the call until a human consents (orphaned data); other
     * findings are printed and the call goes on.
     */
    default boolean asksConsent() {
        return false;
    }
}
