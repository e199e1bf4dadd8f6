package dev.composeguard.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The guard's one JSON stack is Jackson: docker-java and the compose schema validator load it on every path that
 * reads JSON anyway, so a second, hand-written parser bought nothing. Every document the guard reads or writes
 * (manifests, push state, SARIF, {@code --format json}) goes through these shared, thread-safe instances, or, on
 * the short paths that only read small documents (the engine's answers, the docker config, the deploy ledger),
 * through {@link JsonTrees}: the same Jackson trees without starting an {@code ObjectMapper}. The safe path (a compose
 * call the guard has nothing to say about) never touches JSON.
 */
public final class JsonCodec {
    /** Reads trees and binds records; writes compact JSON. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Two-space indented output, for files people read (manifests) and {@code --format json}. */
    public static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    private JsonCodec() {
    }
}
