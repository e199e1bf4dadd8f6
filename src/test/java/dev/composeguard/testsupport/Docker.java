package dev.composeguard.testsupport;

import java.util.List;
import java.util.Map;

/** Small helpers for integration tests against the real engine (tests tagged "it"). */
public final class Docker {
    /** The busybox image built by src/test/docker/build-images.sh. */
    public static final String BUSYBOX = "compose-guard-test/busybox:1";

    private Docker() {
    }

    public static Cmd.Result docker(String... args) {
        return Cmd.run(null, Map.of(), prepend("docker", args));
    }

    public static boolean volumeExists(String name) {
        return docker("volume", "inspect", name).exitCode() == 0;
    }

    /**
     * Removes every container, volume and network labelled with the compose project (best effort, for cleanup).
     * Networks matter: the engine has about 30 default address pools, and leaked project networks exhaust them.
     */
    public static void removeProject(String project) {
        String ids = docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project).stdout().trim();
        if (!ids.isEmpty()) {
            docker(prepend2("rm", prepend2("-fv", ids.split("\\s+"))));
        }
        String vols = docker("volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project).stdout().trim();
        if (!vols.isEmpty()) {
            docker(prepend2("volume", prepend2("rm", prepend2("-f", vols.split("\\s+")))));
        }
        String nets = docker("network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project).stdout().trim();
        if (!nets.isEmpty()) {
            docker(prepend2("network", prepend2("rm", nets.split("\\s+"))));
        }
    }

    private static List<String> prepend(String first, String... rest) {
        var l = new java.util.ArrayList<String>();
        l.add(first);
        l.addAll(List.of(rest));
        return l;
    }

    private static String[] prepend2(String a, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = a;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
