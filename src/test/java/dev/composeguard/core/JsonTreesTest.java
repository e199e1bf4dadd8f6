package dev.composeguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JsonTrees must build exactly the trees ObjectMapper.readTree builds, node types included. */
class JsonTreesTest {
    @Test
    void sameTreesAsTheObjectMapper() throws Exception {
        for (String json : List.of("{}", "[]", "\"x\"", "1", "-7", "2147483648", "9223372036854775808", "1.5", "-0.0",
                "1e3", "true", "false", "null", "{\"a\":[1,{\"b\":null},\"ü ✓\\n\"],\"c\":{\"d\":[]}}",
                "{\"dup\":1,\"dup\":2}", "[{\"Id\":\"sha256:00\",\"RepoTags\":[\"busybox:1\"],\"Size\":123456789012}]",
                "  {\"a\" : 1}  ")) {
            assertEquals(JsonCodec.MAPPER.readTree(json), JsonTrees.read(json), json);
            assertEquals(JsonCodec.MAPPER.readTree(json).getNodeType(), JsonTrees.read(json).getNodeType(), json);
        }
        assertEquals(JsonCodec.MAPPER.readTree(""), JsonTrees.read(""));
    }

    @Test
    void brokenJsonIsAProcessingException() {
        for (String json : List.of("{", "[1,", "{\"a\" 1}", "tru")) {
            assertThrows(JsonProcessingException.class, () -> JsonTrees.read(json), json);
        }
    }
}
