package dev.composeguard.project;

/**
 * One entry of a service's {@code environment:}.
 *
 * @param key      the variable name
 * @param value    the value after interpolation, or null for a bare key (taken from the shell)
 * @param rawValue the value as written in the file, before interpolation (null for a bare key); a rawValue
 *                 without {@code $} is a literal written in the compose file
 * @param source   where the entry is
 */
public record EnvVar(String key, String value, String rawValue, Source source) {

    /** True when the value is written literally in the file rather than taken from a variable. */
    public boolean isLiteral() {
        return rawValue != null && !rawValue.isEmpty() && rawValue.indexOf('$') < 0;
    }

    /** Never print a value: it may be a secret. */
    @Override
    public String toString() {
        return "EnvVar[" + key + " @ " + source + "]";
    }
}
