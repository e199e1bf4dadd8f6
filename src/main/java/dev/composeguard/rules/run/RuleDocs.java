package dev.composeguard.rules.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The rule pages of docs/rules, packaged into the jar at build time (pom: resources), so that a SARIF report carries
 * each rule's explanation itself instead of a link to a site that may not exist.
 */
public final class RuleDocs {
    private RuleDocs() {
    }

    /** The markdown page of {@code code} (e.g. CG101), or null when the jar has none. */
    public static String page(String code) {
        try (InputStream in = RuleDocs.class.getResourceAsStream("/rule-docs/" + code + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
