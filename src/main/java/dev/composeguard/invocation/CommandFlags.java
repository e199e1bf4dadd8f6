package dev.composeguard.invocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's own flags, read the way pflag/docopt read them: {@code -v}, {@code --volumes},
 * {@code --volumes=true}, grouped short flags ({@code -sv}), values attached or separate, {@code --} ending
 * options. Letters are reused across commands ({@code rm -f} is force, {@code down -v} is volumes), so each
 * command passes its own spec.
 *
 * @param flags       every flag seen, by its canonical (long) name, with its last value ({@code "true"} for booleans)
 * @param positionals the positional arguments (service names)
 */
public record CommandFlags(Map<String, String> flags, List<String> positionals) {

    /**
     * @param args        the arguments after the subcommand
     * @param aliases     short or alternative spelling to canonical long name ({@code -v → --volumes})
     * @param valueFlags  canonical names of flags that take a value
     */
    public static CommandFlags parse(List<String> args, Map<String, String> aliases, Set<String> valueFlags) {
        Map<String, String> flags = new HashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String written = eq > 0 ? arg.substring(0, eq) : arg;
                String name = expandPrefix(aliases.getOrDefault(written, written), aliases, valueFlags);
                String value = eq > 0 ? arg.substring(eq + 1) : null;
                if (value == null && valueFlags.contains(name) && i + 1 < args.size()) {
                    value = args.get(++i);
                }
                flags.put(name, value == null ? "true" : value);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                // Grouped short flags: every letter is a flag until one takes a value, which eats the rest.
                for (int c = 1; c < arg.length(); c++) {
                    String shortName = "-" + arg.charAt(c);
                    String name = aliases.getOrDefault(shortName, shortName);
                    if (valueFlags.contains(name)) {
                        String value = arg.substring(c + 1);
                        if (value.startsWith("=")) {
                            value = value.substring(1);
                        }
                        if (value.isEmpty() && i + 1 < args.size()) {
                            value = args.get(++i);
                        }
                        flags.put(name, value);
                        break;
                    }
                    if (c + 1 < arg.length() && arg.charAt(c + 1) == '=') {
                        flags.put(name, arg.substring(c + 2));
                        break;
                    }
                    flags.put(name, "true");
                }
            } else {
                positionals.add(arg);
            }
        }
        return new CommandFlags(Map.copyOf(flags), List.copyOf(positionals));
    }

    /**
     * docker-compose 1.x (docopt) accepts any unambiguous prefix of a long option: {@code down --volu} removes
     * volumes. A long flag that is a proper prefix of exactly one flag the caller knows is read as that flag, so a
     * destructive flag is recognised in every spelling v1 accepts (v2 rejects prefixes: reading more is harmless).
     */
    private static String expandPrefix(String name, Map<String, String> aliases, Set<String> valueFlags) {
        if (name.length() < 3 || aliases.containsValue(name) || valueFlags.contains(name)) {
            return name;
        }
        String match = null;
        for (String known : aliases.values()) {
            if (known.startsWith("--") && known.startsWith(name) && !known.equals(match)) {
                if (match != null) {
                    return name; // ambiguous: compose itself refuses it
                }
                match = known;
            }
        }
        for (String known : valueFlags) {
            if (known.startsWith(name) && !known.equals(match)) {
                if (match != null) {
                    return name;
                }
                match = known;
            }
        }
        return match != null ? match : name;
    }

    /** True when the boolean flag is set and not explicitly false ({@code --volumes=false}). */
    public boolean isSet(String canonical) {
        String v = flags.get(canonical);
        return v != null && !v.equalsIgnoreCase("false") && !v.equals("0");
    }

    public String value(String canonical) {
        return flags.get(canonical);
    }
}
