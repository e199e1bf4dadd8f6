package dev.composeguard.invocation;

import java.util.ArrayList;
import java.util.List;

/**
 * The flags of a call that choose the Docker Engine: docker's global flags in front of {@code compose} in plugin
 * mode ({@code docker -H X compose …}: the docker CLI passes them to the plugin in argv and exports nothing; the
 * plugin parses them again), and the same names among compose's root flags (v1's docopt flags; a standalone v2
 * moves them in front of {@code compose} itself). Read only for guarded calls and guard commands, never on the safe
 * path.
 *
 * @param hosts         every {@code -H/--host}, in order
 * @param context       {@code -c/--context}, or null
 * @param configDir     docker's {@code --config DIR}, or null
 * @param tls           {@code --tls}
 * @param tlsVerify     {@code --tlsverify} ({@code --tlsverify=false} gives FALSE), or null when not given
 * @param tlsCaCert     {@code --tlscacert}, or null
 * @param tlsCert       {@code --tlscert}, or null
 * @param tlsKey        {@code --tlskey}, or null
 */
public record EngineFlags(List<String> hosts, String context, String configDir, boolean tls, Boolean tlsVerify,
        String tlsCaCert, String tlsCert, String tlsKey) {

    public static final EngineFlags NONE = new EngineFlags(List.of(), null, null, false, null, null, null, null);

    public EngineFlags {
        hosts = List.copyOf(hosts);
    }

    /** True when no flag chooses the engine (the environment and the docker config decide). */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Reads the engine flags of {@code inv}: the docker flags before {@code compose}, then compose's root flags. */
    public static EngineFlags of(Invocation inv) {
        Builder b = new Builder();
        List<String> argv = inv.argv();
        if (inv.pluginMode() && inv.composeStart() > 0) {
            // [docker flags] compose …: the word before composeStart is "compose" itself
            b.scan(argv.subList(0, inv.composeStart() - 1), InvocationParser.DOCKER_VALUE_FLAGS, false);
        }
        b.scan(argv.subList(inv.composeStart(), argv.size()), InvocationParser.VALUE_FLAGS, true);
        return b.build();
    }

    private static final class Builder {
        final List<String> hosts = new ArrayList<>();
        String context;
        String configDir;
        boolean tls;
        Boolean tlsVerify;
        String ca;
        String cert;
        String key;

        /** Reads flags until the first word that is not one (the subcommand, or {@code compose}). */
        void scan(List<String> words, java.util.Set<String> valueFlags, boolean composeRoot) {
            int i = 0;
            while (i < words.size()) {
                String arg = words.get(i);
                if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
                    return;
                }
                String name;
                String value = null;
                if (arg.startsWith("--")) {
                    int eq = arg.indexOf('=');
                    name = eq > 0 ? arg.substring(0, eq) : arg;
                    value = eq > 0 ? arg.substring(eq + 1) : null;
                    if (composeRoot) {
                        name = InvocationParser.expandPrefix(name);
                    }
                } else {
                    name = arg.length() > 2 ? arg.substring(0, 2) : arg;
                    if (arg.length() > 2) {
                        if (valueFlags.contains(name)) {
                            value = arg.startsWith("=", 2) ? arg.substring(3) : arg.substring(2);
                        } else {
                            name = arg; // a group of short booleans
                        }
                    }
                }
                if (valueFlags.contains(name) && value == null) {
                    value = i + 1 < words.size() ? words.get(i + 1) : "";
                    i++;
                }
                if (!(composeRoot && name.equals("--config"))) { // not a compose flag: compose rejects it
                    take(name, value);
                }
                i++;
            }
        }

        private void take(String name, String value) {
            switch (name) {
                case "-H", "--host" -> hosts.add(value);
                case "-c", "--context" -> context = value;
                case "--config" -> configDir = value;
                case "--tls" -> tls = value == null || !value.equals("false");
                case "--tlsverify" -> tlsVerify = value == null || !value.equals("false");
                case "--tlscacert" -> ca = value;
                case "--tlscert" -> cert = value;
                case "--tlskey" -> key = value;
                default -> {
                    // not an engine flag
                }
            }
        }

        EngineFlags build() {
            return new EngineFlags(hosts, context, configDir, tls, tlsVerify, ca, cert, key);
        }
    }
}
