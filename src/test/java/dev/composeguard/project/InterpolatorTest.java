package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolatorTest {
    static final Map<String, String> ENV = Map.of("SET", "v", "EMPTY", "", "B", "b", "NAME", "x");

    static String v2(String s) throws Interpolator.InterpolationException {
        return new Interpolator(ENV::get, ComposeFlavor.V2, null).interpolate(s);
    }

    static String v1(String s) throws Interpolator.InterpolationException {
        return new Interpolator(ENV::get, ComposeFlavor.V1, null).interpolate(s);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NIL", value = {
            "$SET|v", "${SET}|v", "a${SET}b|avb", "$SET.x|v.x", "$SETx|", "${UNSET}|", "$UNSET|",
            "${SET:-d}|v", "${EMPTY:-d}|d", "${UNSET:-d}|d", "${EMPTY-d}|", "${UNSET-d}|d",
            "${SET:+alt}|alt", "${EMPTY:+alt}|", "${UNSET:+alt}|", "${EMPTY+alt}|alt", "${UNSET+alt}|",
            "${SET:?err}|v", "${EMPTY?err}|",
            "$$|$", "$${SET}|${SET}", "$$SET|$SET", "a$|a$", "$1|$1", "$-|$-", "100$|100$",
            "${UNSET:-${B}}|b", "${UNSET:-${UNSET2:-c}}|c", "${UNSET:-a${B}c}|abc", "${SET:+${B}}|b",
            "${UNSET-x:?y}|x:?y", "${UNSET:-a-b}|a-b", "${UNSET:-}|", "${UNSET:-{x}}|{x}",
            "${set}|", "${_under:-u}|u", "${SET}}|v}"})
    void v2Forms(String in, String out) throws Exception {
        assertEquals(out == null ? "" : out, v2(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"${}", "${1A}", "${A/x/y}", "${A:=x}", "${A:x}", "${A", "x${-}", "${A B}"})
    void invalidFormatsAreErrors(String in) {
        Interpolator.InterpolationException e = assertThrows(Interpolator.InterpolationException.class, () -> v2(in));
        assertTrue(e.getMessage().startsWith("invalid interpolation format"), e.getMessage());
    }

    @Test
    void requiredMessages() {
        assertEquals("required variable UNSET is missing a value: set it",
                assertThrows(Interpolator.InterpolationException.class, () -> v2("${UNSET:?set it}")).getMessage());
        assertEquals("required variable EMPTY is missing a value",
                assertThrows(Interpolator.InterpolationException.class, () -> v2("${EMPTY:?}")).getMessage());
        assertEquals("required variable UNSET is missing a value: need b",
                assertThrows(Interpolator.InterpolationException.class, () -> v2("${UNSET?need $B}")).getMessage());
    }

    @Test
    void unsetWithoutDefaultIsRecorded() throws Exception {
        List<String> unset = new ArrayList<>();
        new Interpolator(ENV::get, ComposeFlavor.V2, unset).interpolate("$A ${B} ${C:-d} ${D:+x} ${E}");
        assertEquals(List.of("A", "E"), unset);
    }

    @Test
    void v1HasNoAlternativeAndNoNesting() throws Exception {
        assertThrows(Interpolator.InterpolationException.class, () -> v1("${SET:+alt}"));
        assertThrows(Interpolator.InterpolationException.class, () -> v1("${SET+alt}"));
        assertEquals("d", v1("${UNSET:-d}"));
        // the default ends at the first "}" and is not interpolated: the rest stays literal
        assertEquals("${B}", v1("${UNSET:-${B}}"));
    }
}
