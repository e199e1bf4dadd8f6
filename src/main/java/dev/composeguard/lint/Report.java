package dev.composeguard.lint;

import dev.composeguard.core.Json;
import dev.composeguard.project.Source;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints lint results: text (default), json, sarif (2.1.0) or github (workflow commands). */
public final class Report {
    public enum Format {
        TEXT, JSON, SARIF, GITHUB;

        public static Format parse(String s) {
            if (s == null) {
                return TEXT;
            }
            switch (s.toLowerCase(Locale.ROOT)) {
                case "text":
                case "tty":
                case "stylish":
                    return TEXT;
                case "json":
                    return JSON;
                case "sarif":
                    return SARIF;
                case "github":
                    return GITHUB;
                default:
                    return null;
            }
        }
    }


    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BLUE = "\u001b[34m";
    private static final String DIM = "\u001b[2m";

    private final Path cwd;
    private final String project;
    private final String docsUrl;
    private final String version;

    public Report(Path cwd, String project, String docsUrl, String version) {
        this.cwd = cwd;
        this.project = project;
        // No default: a link is only worth giving where the docs are really published (COMPOSE_GUARD_DOCS_URL);
        // the rule pages themselves travel inside the SARIF report (help.markdown).
        this.docsUrl = docsUrl == null || docsUrl.isEmpty() ? null
                : (docsUrl.endsWith("/") ? docsUrl : docsUrl + "/");
        this.version = version;
    }

    public void write(Linter.Result r, Format format, PrintStream out, boolean color) {
        switch (format) {
            case JSON:
                out.println(json(r));
                break;
            case SARIF:
                out.println(sarif(r));
                break;
            case GITHUB:
                out.print(github(r));
                break;
            case TEXT:
            default:
                out.print(text(r, color));
        }
        out.flush();
    }

    private String file(Source s) {
        return s.isKnown() ? Paths.rel(cwd, s.file()) : null;
    }

    /** {@code file:line:col: severity [CODE] message} and an indented hint, one pair per finding. */
    public String text(Linter.Result r, boolean color) {
        StringBuilder b = new StringBuilder();
        for (Finding f : r.findings()) {
            b.append(textLine(f, color)).append('\n');
        }
        b.append(summary(r, color)).append('\n');
        return b.toString();
    }

    /** One finding as text (two lines, the hint indented). */
    public String textLine(Finding f, boolean color) {
        String where;
        Source s = f.source();
        if (!s.isKnown()) {
            where = project == null ? "(project)" : "(project " + project + ")";
        } else {
            where = file(s) + (s.line() > 0 ? ":" + s.line() + (s.column() > 0 ? ":" + s.column() : "") : "");
        }
        String sev = f.severity().label();
        if (color) {
            String c = f.severity() == Severity.ERROR ? RED : f.severity() == Severity.WARNING ? YELLOW : BLUE;
            sev = c + BOLD + sev + RESET;
        }
        String code = color ? BOLD + "[" + f.code() + "]" + RESET : "[" + f.code() + "]";
        String hint = "    hint: " + f.hint();
        return where + ": " + sev + " " + code + " " + f.message() + "\n" + (color ? DIM + hint + RESET : hint);
    }

    private String summary(Linter.Result r, boolean color) {
        long e = r.count(Severity.ERROR);
        long w = r.count(Severity.WARNING);
        long i = r.count(Severity.INFO);
        StringBuilder b = new StringBuilder();
        if (r.findings().isEmpty()) {
            b.append("no findings");
        } else {
            b.append(e).append(e == 1 ? " error, " : " errors, ").append(w).append(w == 1 ? " warning, " : " warnings, ")
                    .append(i).append(" info");
        }
        if (r.suppressed() > 0) {
            b.append(" (").append(r.suppressed()).append(" suppressed)");
        }
        var env = r.environment();
        if (env != null && env.known()) {
            b.append("; environment: ").append(env.name()).append(" (").append(env.reason()).append(')');
        }
        for (String failure : r.ruleFailures()) {
            b.append("\nrule ").append(failure).append(" failed: a bug in compose-guard; its checks did not run");
        }
        return color ? DIM + b + RESET : b.toString();
    }

    /** {@code {"findings":[…],"summary":{…}}}. */
    public String json(Linter.Result r) {
        StringBuilder b = new StringBuilder("{\"findings\":[");
        boolean first = true;
        for (Finding f : r.findings()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"rule\":").append(Json.quote(f.code()))
                    .append(",\"name\":").append(Json.quote(f.rule()))
                    .append(",\"severity\":").append(Json.quote(f.severity().label()))
                    .append(",\"file\":").append(Json.quote(file(f.source())))
                    .append(",\"line\":").append(f.source().line())
                    .append(",\"column\":").append(f.source().column())
                    .append(",\"message\":").append(Json.quote(f.message()))
                    .append(",\"hint\":").append(Json.quote(f.hint()))
                    .append('}');
        }
        var env = r.environment();
        b.append("],\"summary\":{\"errors\":").append(r.count(Severity.ERROR))
                .append(",\"warnings\":").append(r.count(Severity.WARNING))
                .append(",\"info\":").append(r.count(Severity.INFO))
                .append(",\"suppressed\":").append(r.suppressed())
                .append(",\"project\":").append(Json.quote(project))
                .append(",\"environment\":").append(Json.quote(env == null ? null : env.name()))
                .append(",\"ruleFailures\":[");
        for (int i = 0; i < r.ruleFailures().size(); i++) {
            b.append(i > 0 ? "," : "").append(Json.quote(r.ruleFailures().get(i)));
        }
        return b.append("]}}").toString();
    }

    private static String level(Severity s) {
        return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "note";
    }

    private String uri(Source s) {
        String rel = Paths.rel(cwd, s.file());
        if (rel.startsWith("..") || Path.of(rel).isAbsolute()) {
            return s.file().toUri().toString();
        }
        return rel.replace('\\', '/');
    }

    /**
     * SARIF 2.1.0: one run, every rule in the driver with its page from docs/rules as help (text and markdown), one
     * result per finding. helpUri and informationUri only when COMPOSE_GUARD_DOCS_URL says where the docs live.
     */
    public String sarif(Linter.Result r) {
        List<Rule> rules = Rules.all();
        StringBuilder b = new StringBuilder();
        b.append("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{")
                .append("\"tool\":{\"driver\":{\"name\":\"compose-guard\",\"version\":").append(Json.quote(version));
        if (docsUrl != null) {
            b.append(",\"informationUri\":").append(Json.quote(docsUrl.replaceFirst("rules/$", "LINT.md")));
        }
        b.append(",\"rules\":[");
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String page = RuleDocs.page(rule.code());
            b.append(i > 0 ? "," : "").append("{\"id\":").append(Json.quote(rule.code()))
                    .append(",\"name\":").append(Json.quote(rule.name()))
                    .append(",\"shortDescription\":{\"text\":").append(Json.quote(rule.summary())).append('}')
                    .append(",\"fullDescription\":{\"text\":").append(Json.quote(rule.summary())).append('}');
            if (docsUrl != null) {
                b.append(",\"helpUri\":").append(Json.quote(Rules.helpUri(rule, docsUrl)));
            }
            b.append(",\"help\":{\"text\":").append(Json.quote(page == null ? rule.summary() : page));
            if (page != null) {
                b.append(",\"markdown\":").append(Json.quote(page));
            }
            b.append('}')
                    .append(",\"defaultConfiguration\":{\"level\":").append(Json.quote(level(rule.defaultSeverity())))
                    .append("}}");
        }
        b.append("]}},\"results\":[");
        boolean first = true;
        for (Finding f : r.findings()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            int idx = rules.indexOf(Rules.find(f.code()));
            b.append("{\"ruleId\":").append(Json.quote(f.code()));
            if (idx >= 0) {
                b.append(",\"ruleIndex\":").append(idx);
            }
            b.append(",\"level\":").append(Json.quote(level(f.severity())))
                    .append(",\"message\":{\"text\":").append(Json.quote(f.message() + "\nHint: " + f.hint())).append('}');
            if (f.source().isKnown()) {
                b.append(",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":")
                        .append(Json.quote(uri(f.source()))).append('}');
                if (f.source().line() > 0) {
                    b.append(",\"region\":{\"startLine\":").append(f.source().line());
                    if (f.source().column() > 0) {
                        b.append(",\"startColumn\":").append(f.source().column());
                    }
                    b.append('}');
                }
                b.append("}}]");
            }
            b.append('}');
        }
        return b.append("]}]}").toString();
    }

    /** GitHub Actions workflow commands: {@code ::error file=…,line=…,col=…,title=…::message}. */
    public String github(Linter.Result r) {
        StringBuilder b = new StringBuilder();
        for (Finding f : r.findings()) {
            String cmd = f.severity() == Severity.ERROR ? "error" : f.severity() == Severity.WARNING ? "warning" : "notice";
            b.append("::").append(cmd).append(' ');
            StringBuilder props = new StringBuilder();
            if (f.source().isKnown()) {
                props.append("file=").append(prop(file(f.source())));
                if (f.source().line() > 0) {
                    props.append(",line=").append(f.source().line());
                    if (f.source().column() > 0) {
                        props.append(",col=").append(f.source().column());
                    }
                }
                props.append(',');
            }
            props.append("title=").append(prop(f.code() + " " + f.rule()));
            b.append(props).append("::").append(data(f.message() + "\n" + "hint: " + f.hint())).append('\n');
        }
        return b.toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String prop(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
