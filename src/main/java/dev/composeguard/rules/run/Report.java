package dev.composeguard.rules.run;

import dev.composeguard.rules.Paths;
import dev.composeguard.rules.Severity;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Rule;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.project.Source;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Prints findings of file and engine rules alike: text (default), json, sarif (2.1.0) or github (workflow commands).
 */
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

    /**
     * One finding on one line, as the deploy-time checks print it before a call:
     * {@code file:line: CG201 error orphaned-data: message} (the fix follows on lines of its own).
     */
    public String compactLine(Finding f) {
        String where = f.source().display(cwd);
        return (where.isEmpty() ? "" : where + ": ") + f.code() + " " + f.severity().label() + " " + f.rule() + ": "
                + f.message();
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
        List<Object> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.code());
            m.put("name", f.rule());
            m.put("severity", f.severity().label());
            m.put("file", file(f.source()));
            m.put("line", f.source().line());
            m.put("column", f.source().column());
            m.put("message", f.message());
            m.put("hint", f.hint());
            findings.add(m);
        }
        var env = r.environment();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("errors", r.count(Severity.ERROR));
        summary.put("warnings", r.count(Severity.WARNING));
        summary.put("info", r.count(Severity.INFO));
        summary.put("suppressed", r.suppressed());
        summary.put("project", project);
        summary.put("environment", env == null ? null : env.name());
        summary.put("ruleFailures", r.ruleFailures());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("findings", findings);
        root.put("summary", summary);
        return write(root);
    }

    private static String write(Object tree) {
        try {
            return JsonCodec.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report of plain maps and lists", e);
        }
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
     * SARIF 2.1.0: one run, every rule (file and engine) in the driver with its page from docs/rules as help (text
     * and markdown), one result per finding. helpUri and informationUri only when COMPOSE_GUARD_DOCS_URL says where
     * the docs live.
     */
    public String sarif(Linter.Result r) {
        List<Rule> rules = Rules.all();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "compose-guard");
        driver.put("version", version);
        if (docsUrl != null) {
            driver.put("informationUri", docsUrl.replaceFirst("rules/$", "LINT.md"));
        }
        List<Object> sarifRules = new ArrayList<>();
        for (Rule rule : rules) {
            sarifRules.add(sarifRule(rule));
        }
        driver.put("rules", sarifRules);
        List<Object> results = new ArrayList<>();
        for (Finding f : r.findings()) {
            results.add(sarifResult(f, rules.indexOf(Rules.find(f.code()))));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return write(root);
    }

    private Map<String, Object> sarifRule(Rule rule) {
        String page = RuleDocs.page(rule.code());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rule.code());
        m.put("name", rule.name());
        m.put("shortDescription", Map.of("text", rule.summary()));
        m.put("fullDescription", Map.of("text", rule.summary()));
        if (docsUrl != null) {
            m.put("helpUri", Rules.helpUri(rule, docsUrl));
        }
        Map<String, Object> help = new LinkedHashMap<>();
        help.put("text", page == null ? rule.summary() : page);
        if (page != null) {
            help.put("markdown", page);
        }
        m.put("help", help);
        m.put("defaultConfiguration", Map.of("level", level(rule.defaultSeverity())));
        return m;
    }

    private Map<String, Object> sarifResult(Finding f, int ruleIndex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.code());
        if (ruleIndex >= 0) {
            m.put("ruleIndex", ruleIndex);
        }
        m.put("level", level(f.severity()));
        m.put("message", Map.of("text", f.message() + "\nHint: " + f.hint()));
        if (f.source().isKnown()) {
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", uri(f.source())));
            if (f.source().line() > 0) {
                Map<String, Object> region = new LinkedHashMap<>();
                region.put("startLine", f.source().line());
                if (f.source().column() > 0) {
                    region.put("startColumn", f.source().column());
                }
                physical.put("region", region);
            }
            m.put("locations", List.of(Map.of("physicalLocation", physical)));
        }
        return m;
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
