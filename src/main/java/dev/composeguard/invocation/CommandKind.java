package dev.composeguard.invocation;

/** How the guard treats one call. */
public enum CommandKind {
    /** Nothing to check: hand over to compose at once (ps, logs, exec, config, version, unknown commands …). */
    SAFE,
    /** Compose may create or delete data: load the project, run the checks, maybe back up and ask first. */
    GUARDED,
    /** One of the guard's own commands (lint, explain, backup, backups, restore, doctor, --guard-*). */
    GUARD
}
