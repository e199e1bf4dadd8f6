package dev.composeguard.lint.rules;

import dev.composeguard.lint.Finding;
import dev.composeguard.lint.LintContext;
import dev.composeguard.lint.Rule;
import dev.composeguard.lint.Severity;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CG108: a secret-looking key (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY …), or a connection URL with a
 * password, written as a literal value in a compose file. The value is never printed: messages name the key only.
 */
public final class PlaintextSecret implements Rule {
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|CREDENTIALS?)(_|$)"
                    + "|API_KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|AUTH_KEY|ENCRYPTION_KEY|SIGNING_KEY|MASTER_KEY"
                    + "|CLIENT_SECRET|SECRET_KEY_BASE|_SALT$|^SALT_");
    private static final Pattern NOT_A_SECRET = Pattern.compile(
            "_(FILE|PATH|DIR|LENGTH|LEN|TTL|EXPIRY|EXPIRES|EXPIRE|EXPIRATION|TIMEOUT|ENABLED|ENABLE|DISABLED|HEADER"
                    + "|NAME|TYPE|METHOD|LIFETIME|VALIDITY|ALGORITHM|ALGO|MIN|MAX|POLICY|REQUIRED|COST|ROUNDS|USER"
                    + "|USERNAME|ID|HOST|PORT|URL_PATH|MODE|PROVIDER|BACKEND|ISSUER|AUDIENCE|SCOPE|SCOPES|STORE)$"
                    + "|^(ALLOW_EMPTY_PASSWORD|MYSQL_ALLOW_EMPTY_PASSWORD|MYSQL_RANDOM_ROOT_PASSWORD|MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"
                    + "|MARIADB_RANDOM_ROOT_PASSWORD|POSTGRES_HOST_AUTH_METHOD|PWD|OLDPWD)$");
    private static final Set<String> HARMLESS = Set.of("yes", "no", "true", "false", "on", "off", "0", "1", "none",
            "null", "empty", "disabled", "enabled");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:[^@\\s/]+@");

    /** {@code ${VAR:-literal}} or {@code ${VAR-literal}}: group 1 the variable, 2 the operator, 3 the default. */
    private static final Pattern LITERAL_DEFAULT = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^}$]+)}$");

    private static boolean unset(LintContext ctx, String var, String op) {
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
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Service s : ctx.project().activeServices()) {
            for (EnvVar e : s.environment()) {
                if (!e.isLiteral()) {
                    Matcher d = LITERAL_DEFAULT.matcher(e.rawValue() == null ? "" : e.rawValue().strip());
                    if (d.matches() && secretKey(e.key()) && !HARMLESS.contains(d.group(3).toLowerCase(Locale.ROOT))
                            && unset(ctx, d.group(1), d.group(2)) && seen.add(e.source() + "|" + e.key())) {
                        out.add(finding(Severity.WARNING, e.source(), "service " + s.name() + ": " + e.key()
                                + " falls back to a literal default written in the compose file, because "
                                + d.group(1) + " is not set (value not shown)",
                                "write ${" + d.group(1) + ":?set " + d.group(1) + "} so a deploy without the secret fails"));
                    }
                    continue;
                }
                String raw = e.rawValue().strip();
                boolean url = URL_WITH_PASSWORD.matcher(raw).find();
                boolean key = secretKey(e.key()) && !HARMLESS.contains(raw.toLowerCase(Locale.ROOT))
                        && !raw.startsWith("/run/secrets/");
                if (!url && !key) {
                    continue;
                }
                if (!seen.add(e.source() + "|" + e.key())) {
                    continue;
                }
                String what = url && !key ? " holds a connection URL with a literal password" : " is a literal value";
                out.add(finding(e.source(), "service " + s.name() + ": " + e.key() + what
                        + " in the compose file (value not shown)",
                        "use ${" + e.key() + ":?} and keep the value in an env file outside git, or a secrets: file"));
            }
        }
        return out;
    }
}
