package dev.composeguard.project;

/** Which compose's loading rules were modelled: they differ in file preference, naming and interpolation. */
public enum ComposeFlavor {
    /** compose v2/v5 (Go, compose-go): the reference behaviour. */
    V2,
    /** docker-compose 1.x (Python). */
    V1
}
