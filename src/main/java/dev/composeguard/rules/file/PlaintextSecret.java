package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CG108: a secret-looking key (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY …), or a connection URL with a
 * password, written as a literal value in a compose file. The value is never printed: messages name the key only.
 */
public final class PlaintextSecret implements FileRule {
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|CREDENTIALS?)(_|$)"
                    + "|API_KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|AUTH_KEY|ENCRYPTION_KEY|SIGNING_KEY|MASTER_KEY"
                    + "|CLIENT_SECRET|SECRET_KEY_BASE|_SALT$|^SALT_|^SALT$|_KEY$|^KEY$|_KEY_BASE$");
    private static final Pattern NOT_A_SECRET = Pattern.compile(
            "_(FILE|PATH|DIR|LENGTH|LEN|TTL|EXPIRY|EXPIRES|EXPIRE|EXPIRATION|TIMEOUT|ENABLED|ENABLE|DISABLED|HEADER"
                    + "|NAME|TYPE|METHOD|LIFETIME|VALIDITY|ALGORITHM|ALGO|MIN|MAX|POLICY|REQUIRED|COST|ROUNDS|USER"
                    + "|USERNAME|ID|HOST|PORT|URL_PATH|MODE|PROVIDER|BACKEND|ISSUER|AUDIENCE|SCOPE|SCOPES|STORE|SCHEME|LIMIT|RATE_LIMIT)$"
                    + "|(PUBLIC|PUBLISHABLE|SITE|ANON|PARTITION|SORT|PRIMARY|FOREIGN|CACHE|ROUTING|LICENSE)_KEY$"
                    + "|^(ALLOW_EMPTY_PASSWORD|MYSQL_ALLOW_EMPTY_PASSWORD|MYSQL_RANDOM_ROOT_PASSWORD|MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"
                    + "|MARIADB_RANDOM_ROOT_PASSWORD|POSTGRES_HOST_AUTH_METHOD|PWD|OLDPWD)$");
    private static final Set<String> HARMLESS = Set.of("yes", "no", "true", "false", "on", "off", "0", "1", "none",
            "null", "empty", "disabled", "enabled");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:[^@\\s/]+@");
    /** A URL's password part after {@code ${…}} expressions were replaced by placeholders: group 1. */
    private static final Pattern URL_WITH_PASSWORD_PART = Pattern.compile(
            "[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:([^@\\s/]+)@");
    private static final Pattern EXPR = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\u0001(\\d+)\u0002");

    /** {@code ${VAR:-literal}} or {@code ${VAR-literal}}: group 1 the variable, 2 the operator, 3 the default. */
    private static final Pattern LITERAL_DEFAULT = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^}$]+)}$");

    private static boolean unset(FileContext ctx, String var, String op) {
        String v = ctx.project().environment().get(var);
        return v == null || (op.equals(":-") && v.isEmpty());
    }

    @Override
    public String code() {
        return "CG108";
    }

    @Override
    public String name() {
        return "plaintext-secret";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A password, token or key is written as a literal value in a compose file (the value is never printed).";
    }

    /** True when {@code key} names a secret (and is not a file path, a length, a flag …). */
    public static boolean secretKey(String key) {
        String k = key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        return SECRET_KEY.matcher(k).find() && !NOT_A_SECRET.matcher(k).find();
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        PlaceGroups out = new PlaceGroups(this);
        for (Service s : ctx.project().activeServices()) {
            for (EnvVar e : s.environment()) {
                String raw = e.rawValue() == null ? "" : e.rawValue().strip();
                if (raw.isEmpty()) {
                    continue;
                }
                if (e.isLiteral()) {
                    literal(out, s, e, raw);
                } else {
                    fallback(ctx, out, s, e, raw);
                }
            }
        }
        return out.findings();
    }

    private void literal(PlaceGroups out, Service s, EnvVar e, String raw) {
        boolean url = URL_WITH_PASSWORD.matcher(raw).find();
        boolean key = secretKey(e.key()) && !HARMLESS.contains(raw.toLowerCase(Locale.ROOT))
                && !raw.startsWith("/run/secrets/");
        if (!url && !key) {
            return;
        }
        String what = url && !key ? " holds a connection URL with a literal password" : " is a literal value";
        out.add(defaultSeverity(), e.source(), s.name(), ": " + e.key() + what + " in the compose file (value not shown)",
                "use ${" + e.key() + ":?} and keep the value in an env file outside git, or a secrets: file");
    }

    /** A value built from variables whose secret part falls back to a literal written in the compose file. */
    private void fallback(FileContext ctx, PlaceGroups out, Service s, EnvVar e, String raw) {
        Matcher d = LITERAL_DEFAULT.matcher(raw);
        String var = null;
        String why = null;
        if (d.matches() && unset(ctx, d.group(1), d.group(2))) {
            String dflt = d.group(3);
            if (URL_WITH_PASSWORD.matcher(dflt).find()) {
                var = d.group(1);
                why = " falls back to a connection URL with a literal password";
            } else if (secretKey(e.key()) && !HARMLESS.contains(dflt.toLowerCase(Locale.ROOT))) {
                var = d.group(1);
                why = " falls back to a literal default";
            }
        } else {
            var = urlPasswordFallback(ctx, raw);
            why = " is a connection URL whose password falls back to a literal default";
            if ("".equals(var)) {
                out.add(defaultSeverity(), e.source(), s.name(), ": " + e.key()
                        + " holds a connection URL with a literal password in the compose file (value not shown)",
                        "take the password from a variable (${DB_PASSWORD:?}) kept in an env file outside git");
                return;
            }
        }
        if (var != null) {
            out.add(Severity.WARNING, e.source(), s.name(), ": " + e.key() + why + " written in the compose file, because "
                    + var + " is not set (value not shown)",
                    "write ${" + var + ":?set " + var + "} so a deploy without the secret fails");
        }
    }

    /**
     * In {@code postgres://${U:-app}:${PW:-secret}@db/x}: the variable of the password part when it is unset and
     * has a literal default (the URL then carries that literal), empty when the password is written out, else null.
     */
    private static String urlPasswordFallback(FileContext ctx, String raw) {
        List<String> exprs = new ArrayList<>();
        Matcher x = EXPR.matcher(raw);
        StringBuilder flat = new StringBuilder();
        while (x.find()) {
            exprs.add(x.group());
            x.appendReplacement(flat, "\u0001" + (exprs.size() - 1) + "\u0002");
        }
        x.appendTail(flat);
        Matcher u = URL_WITH_PASSWORD_PART.matcher(flat);
        if (!u.find()) {
            return null;
        }
        if (u.group(1).indexOf('\u0001') < 0) {
            return ""; // the password itself is written out; only the host or user come from variables
        }
        Matcher ph = PLACEHOLDER.matcher(u.group(1));
        if (!ph.matches()) {
            return null;
        }
        Matcher d = LITERAL_DEFAULT.matcher(exprs.get(Integer.parseInt(ph.group(1))));
        return d.matches() && !HARMLESS.contains(d.group(3).toLowerCase(Locale.ROOT)) && unset(ctx, d.group(1), d.group(2))
                ? d.group(1) : null;
    }
}
