package dev.composeguard.project;

import java.math.BigInteger;
import java.util.Locale;

/**
 * go-yaml v3/v4's resolution of plain scalars, which compose v2 uses: YAML 1.2 booleans only
 * ({@code true/True/TRUE/false/False/FALSE}; {@code yes}/{@code on} stay strings), integers with {@code _} removed
 * and Go's base prefixes ({@code 0x}, {@code 0o}, {@code 0b}, and a leading {@code 0} for octal: {@code 0755} = 493),
 * floats including {@code .inf}/{@code .nan}, no sexagesimal ({@code 22:22} stays a string). No regex.
 */
final class Scalars {
    private Scalars() {
    }

    static YScalar.Kind resolve(String s) {
        switch (s) {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return YScalar.Kind.NULL;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
                return YScalar.Kind.BOOL;
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
            case "-.inf":
            case "-.Inf":
            case "-.INF":
            case ".nan":
            case ".NaN":
            case ".NAN":
                return YScalar.Kind.FLOAT;
            default:
                break;
        }
        char c = s.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
            return YScalar.Kind.STR;
        }
        String plain = s.indexOf('_') >= 0 ? s.replace("_", "") : s;
        if (parseGoInt(plain) != null) {
            return YScalar.Kind.INT;
        }
        if (isYamlFloat(plain)) {
            return YScalar.Kind.FLOAT;
        }
        return YScalar.Kind.STR;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} (or ParseUint) after {@code _} removal; null when not an integer. */
    static BigInteger parseGoInt(String plain) {
        if (plain.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean neg = false;
        if (plain.charAt(0) == '+' || plain.charAt(0) == '-') {
            neg = plain.charAt(0) == '-';
            i = 1;
        }
        String body = plain.substring(i);
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        // int64 or uint64 range, as go-yaml tries ParseInt then ParseUint
        if (v.bitLength() > 64 || (v.signum() < 0 && v.bitLength() > 63)) {
            return null;
        }
        return v;
    }

    /** {@code ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$}, hand-written. */
    static boolean isYamlFloat(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int frac = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                frac++;
            }
            if (digits == 0 && frac == 0) {
                return false;
            }
        } else if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String canonicalInt(String text) {
        BigInteger v = parseGoInt(text.indexOf('_') >= 0 ? text.replace("_", "") : text);
        return v == null ? text : v.toString();
    }

    static String canonicalBool(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * compose-go's cast of a string at a boolean field: {@code true/false} and (with a warning) {@code y, yes, on,
     * n, no, off}, case-insensitive. Returns null when the value is not a boolean.
     */
    static Boolean toBoolean(String s) {
        if (s == null) {
            return null;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true":
            case "y":
            case "yes":
            case "on":
                return Boolean.TRUE;
            case "false":
            case "n":
            case "no":
            case "off":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
