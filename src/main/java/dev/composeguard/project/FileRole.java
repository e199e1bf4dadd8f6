package dev.composeguard.project;

/** Why a compose file is part of the project. */
public enum FileRole {
    /** found by discovery (compose.yaml, docker-compose.yml …). */
    DISCOVERED,
    /** the automatic override next to a discovered file. */
    OVERRIDE,
    /** named by {@code -f}. */
    FLAG,
    /** named by {@code COMPOSE_FILE}. */
    COMPOSE_FILE_ENV,
    /** read from stdin ({@code -f -}). */
    STDIN,
    /** pulled in by {@code include}. */
    INCLUDE,
    /** pulled in by {@code extends: {file: …}}. */
    EXTENDS
}
