package dev.composeguard.project;

import dev.composeguard.project.SchemaPrecheck.Verdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One schema of {@link SchemaPrecheck}, compiled: only the keywords present are checked, each with a certain answer
 * (valid or invalid, as the general validator would give it) or {@link Verdict#UNSURE}.
 */
final class SchemaNode {
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "deprecated", "default", "$schema",
            "$id", "definitions", "$comment", "examples");
    // JSON types as bits
    private static final int OBJECT = 1;
    private static final int ARRAY = 2;
    private static final int STRING = 4;
    private static final int INTEGER = 8;
    private static final int NUMBER = 16;
    private static final int BOOLEAN = 32;
    private static final int NULL = 64;

    private SchemaPrecheck owner;
    private boolean always;          // the boolean schema true (or {}), or false when never
    private boolean never;
    private boolean unknownKeyword;  // a keyword this class does not implement: always unsure
    private int types = -1;          // -1: no "type"
    private Map<String, SchemaNode> properties;
    private List<Pattern> patterns;
    private List<SchemaNode> patternSchemas;
    private boolean noAdditional;
    private List<String> required;
    private SchemaNode items;
    private List<SchemaNode> oneOf;
    private String ref;
    private List<Object> enumValues;
    private Pattern pattern;
    private BigDecimal minimum;
    private BigDecimal maximum;
    private boolean uniqueItems;

    @SuppressWarnings("unchecked")
    void compile(Object json, SchemaPrecheck owner) {
        this.owner = owner;
        if (json instanceof Boolean b) {
            always = b;
            never = !b;
            return;
        }
        if (!(json instanceof Map<?, ?>)) {
            unknownKeyword = true;
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) json).entrySet()) {
            if (!keyword(e.getKey(), e.getValue())) {
                unknownKeyword = true;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean keyword(String k, Object v) {
        switch (k) {
            case "type" -> types = types(v);
            case "properties" -> {
                properties = new HashMap<>();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    properties.put(e.getKey(), child(e.getValue()));
                }
            }
            case "patternProperties" -> {
                patterns = new ArrayList<>();
                patternSchemas = new ArrayList<>();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    patterns.add(Pattern.compile(e.getKey()));
                    patternSchemas.add(child(e.getValue()));
                }
            }
            case "additionalProperties" -> {
                if (!(v instanceof Boolean b)) {
                    return false;
                }
                noAdditional = !b;
            }
            case "required" -> required = (List<String>) v;
            case "items" -> {
                if (!(v instanceof Map<?, ?>)) {
                    return false; // tuple form: not used by compose-spec
                }
                items = child(v);
            }
            case "oneOf" -> {
                oneOf = new ArrayList<>();
                for (Object o : (List<Object>) v) {
                    oneOf.add(child(o));
                }
            }
            case "$ref" -> ref = (String) v;
            case "enum" -> enumValues = (List<Object>) v;
            case "pattern" -> pattern = Pattern.compile((String) v);
            case "minimum" -> minimum = (BigDecimal) v;
            case "maximum" -> maximum = (BigDecimal) v;
            case "uniqueItems" -> uniqueItems = Boolean.TRUE.equals(v);
            default -> {
                return ANNOTATIONS.contains(k);
            }
        }
        return types != 0;
    }

    private SchemaNode child(Object json) {
        SchemaNode n = new SchemaNode();
        n.compile(json, owner);
        return n;
    }

    /** The type names as bits; 0 when one is unknown (compile() then marks the node unsure). */
    private static int types(Object v) {
        int bits = 0;
        for (Object t : v instanceof List<?> l ? l : List.of(v)) {
            int bit = switch (String.valueOf(t)) {
                case "object" -> OBJECT;
                case "array" -> ARRAY;
                case "string" -> STRING;
                case "integer" -> INTEGER;
                case "number" -> NUMBER;
                case "boolean" -> BOOLEAN;
                case "null" -> NULL;
                default -> 0;
            };
            if (bit == 0) {
                return 0;
            }
            bits |= bit;
        }
        return bits;
    }

    Verdict check(YNode n) {
        if (always) {
            return Verdict.VALID;
        }
        if (never) {
            return Verdict.INVALID;
        }
        if (unknownKeyword) {
            return Verdict.UNSURE;
        }
        Verdict result = Verdict.VALID;
        if (ref != null) {
            SchemaNode target = owner.definition(ref);
            Verdict v = target == null ? Verdict.UNSURE : target.check(n);
            if (v == Verdict.INVALID) {
                return v;
            }
            result = worse(result, v);
        }
        if (types != -1) {
            Verdict v = type(n);
            if (v == Verdict.INVALID) {
                return v;
            }
            result = worse(result, v);
        }
        Verdict v;
        if (n instanceof YMap m) {
            v = worse(object(m), enumOfCollection());
        } else if (n instanceof YSeq s) {
            v = worse(array(s), enumOfCollection());
        } else {
            v = scalar((YScalar) n);
        }
        if (v == Verdict.INVALID) {
            return v;
        }
        result = worse(result, v);
        if (oneOf != null) {
            v = oneOf(n);
            if (v == Verdict.INVALID) {
                return v;
            }
            result = worse(result, v);
        }
        return result;
    }

    private Verdict type(YNode n) {
        int t = typeOf(n);
        if ((types & t) != 0 || (t == INTEGER && (types & NUMBER) != 0)) {
            return Verdict.VALID;
        }
        // A float with no fractional part may count as an integer to the validator.
        return t == NUMBER && (types & INTEGER) != 0 ? Verdict.UNSURE : Verdict.INVALID;
    }

    private Verdict object(YMap m) {
        Verdict result = Verdict.VALID;
        if (required != null) {
            for (String k : required) {
                YNode c = m.get(k);
                if (c == null || c.tag == YNode.Tag.RESET) {
                    return Verdict.INVALID;
                }
            }
        }
        if (properties == null && patterns == null && !noAdditional) {
            return result;
        }
        for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
            YNode c = e.getValue();
            if (c.tag == YNode.Tag.RESET) {
                continue; // !reset removes the key before validation
            }
            boolean matched = false;
            SchemaNode p = properties == null ? null : properties.get(e.getKey());
            if (p != null) {
                matched = true;
                Verdict v = p.check(c);
                if (v == Verdict.INVALID) {
                    return v;
                }
                result = worse(result, v);
            }
            if (patterns != null) {
                for (int i = 0; i < patterns.size(); i++) {
                    if (patterns.get(i).matcher(e.getKey()).find()) {
                        matched = true;
                        Verdict v = patternSchemas.get(i).check(c);
                        if (v == Verdict.INVALID) {
                            return v;
                        }
                        result = worse(result, v);
                    }
                }
            }
            if (!matched && noAdditional) {
                return Verdict.INVALID;
            }
        }
        return result;
    }

    private Verdict array(YSeq s) {
        Verdict result = Verdict.VALID;
        if (items != null) {
            for (YNode c : s.items) {
                Verdict v = items.check(c);
                if (v == Verdict.INVALID) {
                    return v;
                }
                result = worse(result, v);
            }
        }
        if (uniqueItems && s.items.size() > 1) {
            Set<String> seen = new HashSet<>();
            for (YNode c : s.items) {
                String key = SchemaPrecheck.canonical(c);
                if (key == null) {
                    return Verdict.UNSURE; // a float inside: equality is the validator's to decide
                }
                if (!seen.add(key)) {
                    return Verdict.INVALID;
                }
            }
        }
        return result;
    }

    /** A mapping or a list against an enum: certainly refused when the enum has only strings. */
    private Verdict enumOfCollection() {
        if (enumValues == null) {
            return Verdict.VALID;
        }
        for (Object o : enumValues) {
            if (!(o instanceof String)) {
                return Verdict.UNSURE;
            }
        }
        return Verdict.INVALID;
    }

    private Verdict scalar(YScalar s) {
        int t = typeOf(s);
        if (enumValues != null) {
            if (t != STRING) {
                return Verdict.UNSURE;
            }
            boolean allStrings = true;
            for (Object o : enumValues) {
                if (s.text.equals(o)) {
                    return range(s, t);
                }
                allStrings &= o instanceof String;
            }
            return allStrings ? Verdict.INVALID : Verdict.UNSURE;
        }
        if (pattern != null && t == STRING && !pattern.matcher(s.text).find()) {
            return Verdict.INVALID;
        }
        return range(s, t);
    }

    private Verdict range(YScalar s, int t) {
        if (minimum == null && maximum == null || t == STRING || t == BOOLEAN || t == NULL) {
            return Verdict.VALID;
        }
        if (t != INTEGER) {
            return Verdict.UNSURE;
        }
        BigDecimal value = new BigDecimal(new BigInteger(s.value()));
        if (minimum != null && value.compareTo(minimum) < 0 || maximum != null && value.compareTo(maximum) > 0) {
            return Verdict.INVALID;
        }
        return Verdict.VALID;
    }

    private Verdict oneOf(YNode n) {
        int valid = 0;
        boolean unsure = false;
        for (SchemaNode branch : oneOf) {
            Verdict v = branch.check(n);
            if (v == Verdict.VALID) {
                valid++;
            } else if (v == Verdict.UNSURE) {
                unsure = true;
            }
        }
        if (unsure) {
            return Verdict.UNSURE;
        }
        return valid == 1 ? Verdict.VALID : Verdict.INVALID;
    }
    private static Verdict worse(Verdict a, Verdict b) {
        return a == Verdict.INVALID || b == Verdict.INVALID ? Verdict.INVALID
                : a == Verdict.UNSURE || b == Verdict.UNSURE ? Verdict.UNSURE : Verdict.VALID;
    }

    /** The JSON type the general validator sees for a node (as ComposeSchema converts it). */
    private static int typeOf(YNode n) {
        if (n instanceof YMap) {
            return OBJECT;
        }
        if (n instanceof YSeq) {
            return ARRAY;
        }
        return switch (((YScalar) n).kind) {
            case NULL -> NULL;
            case BOOL -> BOOLEAN;
            case INT -> INTEGER;
            case FLOAT -> NUMBER;
            default -> STRING;
        };
    }
}
