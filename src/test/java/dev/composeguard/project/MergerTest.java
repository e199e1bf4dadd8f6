package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergerTest {
    static YMap y(String s) throws ProjectLoadException {
        return YamlTest.parse(s);
    }

    static YMap merged(String a, String b) throws ProjectLoadException {
        YMap base = y(a);
        Merger.stripResets(base);
        return Merger.mergeTop(base, y(b));
    }

    static List<String> strings(YNode n) {
        List<String> out = new ArrayList<>();
        for (YNode i : ((YSeq) n).items) {
            out.add(i instanceof YScalar s ? s.value() : ((YMap) i).string("target"));
        }
        return out;
    }

    static YMap web(YMap m) {
        return m.map("services").map("web");
    }

    @Test
    void mappingsMergeScalarsReplace() throws Exception {
        YMap m = merged("services:\n  web:\n    image: a\n    restart: always\n",
                "services:\n  web:\n    image: b\n  db:\n    image: pg\n");
        assertEquals("b", web(m).string("image"));
        assertEquals("always", web(m).string("restart"));
        assertEquals("pg", m.map("services").map("db").string("image"));
    }

    @Test
    void commandAndEntrypointAreReplaced() throws Exception {
        YMap m = merged("services:\n  web:\n    command: [a, b]\n    entrypoint: [x]\n    healthcheck:\n      test: [CMD, a]\n",
                "services:\n  web:\n    command: [c]\n    healthcheck:\n      test: [CMD, b]\n");
        assertEquals(List.of("c"), strings(web(m).get("command")));
        assertEquals(List.of("x"), strings(web(m).get("entrypoint")));
        assertEquals(List.of("CMD", "b"), strings(web(m).map("healthcheck").get("test")));
    }

    @Test
    void sequencesAppendAndPortsAreUnique() throws Exception {
        YMap m = merged("services:\n  web:\n    ports: ['80:80', '443:443']\n    dns: [1.1.1.1]\n",
                "services:\n  web:\n    ports: ['80:80', '8080:80']\n    dns: [8.8.8.8, 1.1.1.1]\n");
        assertEquals(List.of("80:80", "443:443", "8080:80"), strings(web(m).get("ports")));
        assertEquals(List.of("1.1.1.1", "8.8.8.8"), strings(web(m).get("dns")));
    }

    @Test
    void environmentMapAndListMergeByKeyLaterWinsFirstPosition() throws Exception {
        YMap m = merged("services:\n  web:\n    environment:\n      B: 1\n      A: 1\n",
                "services:\n  web:\n    environment:\n      - A=2\n      - C=3\n");
        assertEquals(List.of("A=2", "B=1", "C=3"), strings(web(m).get("environment")));
    }

    @Test
    void volumesAreUniqueByCleanedTarget() throws Exception {
        YMap m = merged("services:\n  web:\n    volumes:\n      - data:/data\n      - /cache\n",
                "services:\n  web:\n    volumes:\n      - type: bind\n        source: ./d\n        target: /data/\n"
                        + "      - ./logs:/logs\n");
        List<YNode> items = ((YSeq) web(m).get("volumes")).items;
        assertEquals(3, items.size());
        assertEquals("/data/", ((YMap) items.get(0)).string("target"));
        assertEquals("/cache", ((YScalar) items.get(1)).value());
    }

    @Test
    void envFileUniqueByPath() throws Exception {
        YMap m = merged("services:\n  web:\n    env_file: a.env\n",
                "services:\n  web:\n    env_file:\n      - path: a.env\n        required: false\n      - b.env\n");
        List<YNode> items = ((YSeq) web(m).get("env_file")).items;
        assertEquals(2, items.size());
        assertEquals("false", ((YMap) items.get(0)).string("required"));
    }

    @Test
    void buildStringBecomesContext() throws Exception {
        YMap m = merged("services:\n  web:\n    build: ./app\n", "services:\n  web:\n    build:\n      target: prod\n");
        assertEquals("./app", web(m).map("build").string("context"));
        assertEquals("prod", web(m).map("build").string("target"));
    }

    @Test
    void dependsOnListAndMapMerge() throws Exception {
        YMap m = merged("services:\n  web:\n    depends_on: [db]\n",
                "services:\n  web:\n    depends_on:\n      cache:\n        condition: service_started\n");
        assertEquals(List.of("db", "cache"), new ArrayList<>(web(m).map("depends_on").entries.keySet()));
    }

    @Test
    void resetRemovesAndOverrideReplaces() throws Exception {
        YMap m = merged("services:\n  web:\n    ports: ['80:80']\n    volumes: [a:/a, b:/b]\n    environment: {A: 1}\n",
                "services:\n  web:\n    ports: !reset []\n    volumes: !override\n      - c:/c\n    environment: !reset {}\n");
        assertNull(web(m).get("ports"));
        assertNull(web(m).get("environment"));
        assertEquals(List.of("c:/c"), strings(web(m).get("volumes")));
    }

    @Test
    void resetInAFirstFileIsDropped() throws Exception {
        YMap m = y("services:\n  web:\n    image: a\n    ports: !reset ['1:1']\n");
        Merger.stripResets(m);
        assertNull(web(m).get("ports"));
    }

    @Test
    void mappingOverSequenceIsAnError() {
        ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> merged(
                "services:\n  web:\n    ulimits: {nofile: 1}\n", "services:\n  web:\n    ulimits: [a]\n"));
        assertEquals("cannot override services.web.ulimits", e.getMessage());
    }

    @Test
    void loggingWithAnotherDriverReplaces() throws Exception {
        YMap m = merged("services:\n  web:\n    logging:\n      driver: json-file\n      options: {max-size: 1m}\n",
                "services:\n  web:\n    logging:\n      driver: syslog\n");
        assertNull(web(m).map("logging").get("options"));
    }
}
