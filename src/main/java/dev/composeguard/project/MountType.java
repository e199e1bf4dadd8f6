package dev.composeguard.project;

/** Compose's mount types ({@code services.*.volumes[].type}). */
public enum MountType {
    VOLUME, BIND, TMPFS, NPIPE, CLUSTER, IMAGE
}
