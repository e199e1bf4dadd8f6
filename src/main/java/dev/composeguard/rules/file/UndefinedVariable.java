package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.Source;
import dev.composeguard.project.VariableUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CG109: a variable is interpolated while unset and without a default where the empty string changes what compose
 * does: a host or container path ({@code ${CONFIG}/web:/config} mounts the host root), a volume or network name, an
 * image, the project name, a port, an env_file or build path. An {@code environment:} entry, a label or a command
 * that passes an empty value through is the application's business and is not reported.
 */
public final class UndefinedVariable implements FileRule {
    /** Where in the model an empty value matters, and how to say it. Group 1 is the service when there is one. */
    private static final List<Map.Entry<Pattern, String>> PLACES = List.of(
            place("^services\\.([^.]+)\\.volumes\\[\\d+](\\.(source|target))?$", "a mount path"),
            place("^services\\.([^.]+)\\.image$", "an image reference"),
            place("^services\\.([^.]+)\\.(ports|expose)\\[\\d+](\\.\\w+)?$", "a port"),
            place("^services\\.([^.]+)\\.env_file(\\[\\d+])?(\\.path)?$", "an env_file path"),
            place("^services\\.([^.]+)\\.build(\\.(context|dockerfile))?$", "a build path"),
            place("^services\\.([^.]+)\\.extends\\.file$", "an extends path"),
            place("^services\\.([^.]+)\\.(container_name|working_dir|network_mode|platform)$", "a required setting"),
            place("^()name$", "the project name"),
            place("^()volumes\\.[^.]+\\.name$", "a volume name"),
            place("^()networks\\.[^.]+\\.name$", "a network name"),
            place("^()(secrets|configs)\\.[^.]+\\.file$", "a secret or config path"),
            place("^()include(\\[\\d+])?(\\.\\w+)*$", "an include path"));

    private static Map.Entry<Pattern, String> place(String regex, String what) {
        return Map.entry(Pattern.compile(regex), what);
    }

    @Override
    public String code() {
        return "CG109";
    }

    @Override
    public String name() {
        return "undefined-variable";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A variable is unset and without a default where an empty string changes a path, name, image or port.";
    }

    private record Key(String name, Source source, String what) {
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        Map<Key, List<String>> uses = new LinkedHashMap<>();
        for (VariableUse u : ctx.project().unsetVariables()) {
            for (Map.Entry<Pattern, String> p : PLACES) {
                Matcher m = p.getKey().matcher(u.path());
                if (m.matches()) {
                    List<String> services = uses.computeIfAbsent(new Key(u.name(), u.source(), p.getValue()),
                            k -> new ArrayList<>());
                    if (!m.group(1).isEmpty() && !services.contains(m.group(1))) {
                        services.add(m.group(1));
                    }
                    break;
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        uses.forEach((k, services) -> out.add(finding(k.source(), "variable " + k.name()
                + " is not set and has no default: compose puts an empty string into " + k.what()
                + (services.isEmpty() ? "" : " of " + PlaceGroups.subject(services)),
                "set " + k.name() + " in the env file this deploy reads, or write ${" + k.name()
                        + ":?message} to fail instead, or ${" + k.name() + ":-default}")));
        return out;
    }
}
