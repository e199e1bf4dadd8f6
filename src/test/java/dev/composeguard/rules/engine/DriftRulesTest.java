package dev.composeguard.rules.engine;

import dev.composeguard.ledger.DeployRecord;
import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.testsupport.Fixtures;
import dev.composeguard.testsupport.FakeEngine;
import dev.composeguard.core.JsonCodec;
import static dev.composeguard.testsupport.Fixtures.bind;
import static dev.composeguard.testsupport.Fixtures.cbind;
import static dev.composeguard.testsupport.Fixtures.container;
import static dev.composeguard.testsupport.Fixtures.cvol;
import static dev.composeguard.testsupport.Fixtures.env;
import static dev.composeguard.testsupport.Fixtures.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.LastDeploy;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.Project;
import dev.composeguard.project.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftRulesTest {
    @TempDir
    Path dir;

    /** The last deploy as the ledger would read it back (written and parsed as JSON). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Object deployRecord) {
        try {
            return JsonCodec.MAPPER.readValue(JsonCodec.MAPPER.writeValueAsString(deployRecord), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean blocking(Finding f) {
        return f.severity() == Severity.ERROR && new OrphanedData().code().equals(f.code());
    }

    private static List<Finding> orphanedData(Project p, EngineSnapshot e) {
        return new OrphanedData().check(new EngineContext(p, e, null, null));
    }

    /** CG202 to CG205, in code order: what changed since the last deploy. */
    private static List<Finding> ledgerDiff(Project p, Map<String, Object> last) {
        EngineContext ctx = new EngineContext(p, null, LastDeploy.of(last), null);
        List<Finding> out = new ArrayList<>();
        for (EngineRule r : List.of(new ProjectRenamed(), new EnvFileSwitched(), new OverrideGone(), new DataMountMoved())) {
            assertFalse(r.needsEngine(), r.code() + " reads only the files and the ledger");
            out.addAll(r.check(ctx));
        }
        return out;
    }

    private static List<Finding> credentialDrift(Project p, EngineSnapshot e, Map<String, Object> last, byte[] salt) {
        return new CredentialDrift().check(new EngineContext(p, e, LastDeploy.of(last), salt));
    }

    private static List<Finding> credentialDisagreement(Project p) {
        return new CredentialDisagreement().check(new EngineContext(p, null, null, null));
    }

    private static List<Finding> bindTakeover(Project p, EngineSnapshot e) {
        return new BindTakeover().check(new EngineContext(p, e, null, null));
    }

    private Fixtures.P outage() {
        return new Fixtures.P(dir)
                .name("copilotos-prod", NameOrigin.ENV_FILE, new Source(dir.resolve(".env.prod"), 1, 1))
                .volume("mongodb_data")
                .service("mongodb", List.of(vol("mongodb_data", "/data/db")), List.of(), List.of());
    }

    @Test
    void orphanedDataBlocksAndNamesBothVolumesAndTheNameSource() {
        Project p = outage().build();
        FakeEngine e = new FakeEngine().volume("copilotos_mongodb_data", "copilotos", "mongodb_data", 371L << 20);
        List<Finding> f = orphanedData(p, new EngineSnapshot(e));
        assertEquals(1, f.size(), f.toString());
        Finding x = f.get(0);
        assertEquals("CG201", x.code());
        assertTrue(blocking(x));
        assertEquals(Severity.ERROR, x.severity());
        assertTrue(x.message().contains("copilotos-prod_mongodb_data"), x.message());
        assertTrue(x.message().contains("copilotos_mongodb_data"), x.message());
        assertTrue(x.message().contains("371.0 MB"), x.message());
        assertTrue(x.message().contains("COMPOSE_PROJECT_NAME in an env file (.env.prod:1"), x.message());
        assertTrue(x.hint().contains("-p copilotos"), x.hint());
        assertTrue(x.hint().contains("name: copilotos_mongodb_data"), x.hint());
        assertTrue(x.hint().contains("restore --to copilotos-prod_mongodb_data"), x.hint());
        assertEquals(dir.resolve(".env.prod"), x.source().file());
    }

    @Test
    void emptyOldVolumeOrExistingTargetIsNoFinding() {
        Project p = outage().build();
        FakeEngine empty = new FakeEngine().volume("copilotos_mongodb_data", "copilotos", "mongodb_data", 0);
        assertTrue(orphanedData(p, new EngineSnapshot(empty)).isEmpty());
        FakeEngine both = new FakeEngine().volume("copilotos_mongodb_data", "copilotos", "mongodb_data", 10)
                .volume("copilotos-prod_mongodb_data", "copilotos-prod", "mongodb_data", 0);
        assertTrue(orphanedData(p, new EngineSnapshot(both)).isEmpty());
    }

    @Test
    void sameKeyInAnUnrelatedProjectWarnsWithoutBlocking() {
        Project p = outage().build();
        FakeEngine e = new FakeEngine().volume("shop_mongodb_data", "shop", "mongodb_data", 5000);
        List<Finding> f = orphanedData(p, new EngineSnapshot(e));
        assertEquals(1, f.size());
        assertFalse(blocking(f.get(0)));
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void aRelatedProjectDeployedFromAnotherDirectoryIsASeparateDeploymentNotOrphanedData() {
        Project p = outage().build();
        FakeEngine e = new FakeEngine().volume("copilotos_mongodb_data", "copilotos", "mongodb_data", 5000)
                .container(container("copilotos_mongodb_1", "copilotos", "mongodb", "/srv/other", "running",
                        List.of(cvol("copilotos_mongodb_data", "/data/db")), List.of()));
        List<Finding> f = orphanedData(p, new EngineSnapshot(e));
        assertEquals(1, f.size());
        assertFalse(blocking(f.get(0)));
        assertTrue(f.get(0).message().contains("project copilotos is deployed from /srv/other"), f.get(0).message());
    }

    @Test
    void containerCreatedFromTheSameComposeFileInAnotherDirectoryIsStrong() {
        Project p = new Fixtures.P(dir).name("shop", NameOrigin.DIRECTORY, Source.NONE).volume("pgdata")
                .service("db", List.of(vol("pgdata", "/var/lib/postgresql/data")), List.of(), List.of()).build();
        var c = container("legacy_db_1", "legacy", "db", "/somewhere/else", "exited",
                List.of(cvol("legacy_pgdata", "/var/lib/postgresql/data")), List.of());
        var labels = new java.util.HashMap<>(c.labels());
        labels.put("com.docker.compose.project.config_files", "/x/base.yml," + dir.resolve("docker-compose.yml"));
        FakeEngine e = new FakeEngine().volume("legacy_pgdata", "legacy", "pgdata", 2048)
                .container(new dev.composeguard.engine.EngineContainer(c.id(), c.name(), c.image(), c.imageId(),
                        c.state(), labels, c.mounts(), c.env()));
        List<Finding> f = orphanedData(p, new EngineSnapshot(e));
        assertEquals(1, f.size(), f.toString());
        assertTrue(blocking(f.get(0)));
        assertTrue(f.get(0).message().contains("created from the same compose file(s)"), f.get(0).message());
    }

    @Test
    void unlabelledVolumeFoundByNamingAndContainerFromSameDirectoryIsStrong() {
        Project p = new Fixtures.P(dir).name("website", NameOrigin.DIRECTORY, Source.NONE).volume("pgdata")
                .service("db", List.of(vol("pgdata", "/var/lib/postgresql/data")), List.of(), List.of()).build();
        FakeEngine e = new FakeEngine().volume("site_pgdata", null, null, 2048)
                .container(container("site-db-1", "site", "db", dir.toString(), "exited",
                        List.of(cvol("site_pgdata", "/var/lib/postgresql/data")), List.of()));
        List<Finding> f = orphanedData(p, new EngineSnapshot(e));
        assertEquals(1, f.size(), f.toString());
        assertTrue(blocking(f.get(0)));
        assertTrue(f.get(0).message().contains("mounted by container site-db-1 from this project directory"));
        assertTrue(f.get(0).message().contains("the project directory's name"), f.get(0).message());
    }

    private Map<String, Object> lastRecord(Project p) {
        return record(DeployRecord.of(p, Instant.parse("2026-11-20T10:00:00Z"), "1.29.2", Map.of()));
    }

    @Test
    void ledgerDiffReportsRenameEnvSwitchOverrideGoneAndMountMove() throws Exception {
        Path envA = Files.writeString(dir.resolve(".env"), "A=1\n");
        Path envB = Files.writeString(dir.resolve(".env.prod"), "A=2\n");
        Project before = new Fixtures.P(dir).name("copilotos", NameOrigin.DIRECTORY, Source.NONE).volume("data")
                .service("db", List.of(vol("data", "/data/db")), List.of(), List.of())
                .envFile(envA, EnvFileRole.DOTENV).override("docker-compose.override.yml").build();
        Project after = new Fixtures.P(dir).name("copilotos-prod", NameOrigin.ENV_FILE, new Source(envB, 1, 1))
                .volume("data").service("db", List.of(bind(dir.resolve("data").toString(), "/data/db")), List.of(),
                        List.of())
                .envFile(envB, EnvFileRole.FLAG).build();
        List<Finding> f = ledgerDiff(after, lastRecord(before));
        List<String> codes = f.stream().map(Finding::code).toList();
        assertEquals(List.of("CG202", "CG203", "CG204", "CG205"), codes, f.toString());
        assertTrue(f.get(0).message().contains("used copilotos"));
        assertTrue(f.get(1).message().contains(".env") && f.get(1).message().contains(".env.prod"));
        assertTrue(f.get(2).message().contains("docker-compose.override.yml") && f.get(2).message().contains("gone"));
        assertTrue(f.get(3).message().contains("named volume copilotos_data") && f.get(3).message().contains("bind mount data"),
                f.get(3).message());
        assertTrue(ledgerDiff(before, lastRecord(before)).isEmpty());
        assertTrue(ledgerDiff(after, null).isEmpty());
    }

    @Test
    void credentialDriftAgainstTheOldContainerNeverPrintsValues() throws Exception {
        Path envFile = Files.writeString(dir.resolve("db.env"), "# db\nPOSTGRES_PASSWORD=new-secret-2\n");
        Project p = new Fixtures.P(dir).volume("pg")
                .service("db", List.of(vol("pg", "/var/lib/postgresql/data")), List.of(),
                        List.of(new EnvFileRef("db.env", envFile, true, null, Source.NONE)))
                .build();
        FakeEngine e = new FakeEngine().volume("copilotos_pg", "copilotos", "pg", 4096)
                .container(container("copilotos_db_1", "copilotos", "db", dir.toString(), "exited",
                        List.of(cvol("copilotos_pg", "/var/lib/postgresql/data")),
                        List.of("PATH=/bin", "POSTGRES_PASSWORD=old-secret-1")));
        List<Finding> f = credentialDrift(p, new EngineSnapshot(e), null, null);
        assertEquals(1, f.size(), f.toString());
        Finding x = f.get(0);
        assertEquals("CG206", x.code());
        assertTrue(x.message().contains("POSTGRES_PASSWORD (from db.env:2"), x.message());
        assertTrue(x.message().contains("container copilotos_db_1"), x.message());
        assertTrue(x.message().contains("authentication failed"), x.message());
        assertFalse((x.message() + x.hint()).contains("secret"), "a value leaked");

        FakeEngine same = new FakeEngine().volume("copilotos_pg", "copilotos", "pg", 4096)
                .container(container("copilotos_db_1", "copilotos", "db", dir.toString(), "exited",
                        List.of(cvol("copilotos_pg", "/var/lib/postgresql/data")), List.of("POSTGRES_PASSWORD=new-secret-2")));
        assertTrue(credentialDrift(p, new EngineSnapshot(same), null, null).isEmpty());
        FakeEngine emptyVolume = new FakeEngine().volume("copilotos_pg", "copilotos", "pg", 0)
                .container(container("copilotos_db_1", "copilotos", "db", dir.toString(), "exited",
                        List.of(cvol("copilotos_pg", "/var/lib/postgresql/data")), List.of("POSTGRES_PASSWORD=old")));
        assertTrue(credentialDrift(p, new EngineSnapshot(emptyVolume), null, null).isEmpty());
    }

    @Test
    void envFileValuesAreInterpolatedAndUnquotedAsComposeDoes() throws Exception {
        Path envFile = Files.writeString(dir.resolve("db.env"),
                "POSTGRES_PASSWORD=${DB_PASS}\nPOSTGRES_USER=\"app\" # the user\n");
        Fixtures.P b = new Fixtures.P(dir).volume("pg")
                .service("db", List.of(vol("pg", "/var/lib/postgresql/data")), List.of(),
                        List.of(new EnvFileRef("db.env", envFile, true, null, Source.NONE)));
        b.environment = new dev.composeguard.project.Environment(Map.of("DB_PASS", "s3cret"), Map.of());
        Project p = b.build();
        FakeEngine e = new FakeEngine().volume("copilotos_pg", "copilotos", "pg", 4096)
                .container(container("copilotos_db_1", "copilotos", "db", dir.toString(), "running",
                        List.of(cvol("copilotos_pg", "/var/lib/postgresql/data")),
                        List.of("POSTGRES_PASSWORD=s3cret", "POSTGRES_USER=app")));
        assertTrue(credentialDrift(p, new EngineSnapshot(e), null, null).isEmpty());
    }

    @Test
    void credentialDriftAgainstTheLedgerHashWhenNoContainerIsLeft() {
        byte[] salt = new byte[32];
        Project p = new Fixtures.P(dir).volume("pg")
                .service("db", List.of(vol("pg", "/var/lib/postgresql/data")),
                        List.of(env("POSTGRES_PASSWORD", "two", dir.resolve("docker-compose.yml"), 9)), List.of())
                .build();
        Map<String, Object> last = record(DeployRecord.of(p, Instant.now(), "x",
                Map.of("db", Map.of("POSTGRES_PASSWORD", Credentials.hash(salt, "POSTGRES_PASSWORD", "one")))));
        FakeEngine e = new FakeEngine().volume("copilotos_pg", "copilotos", "pg", 4096);
        List<Finding> f = credentialDrift(p, new EngineSnapshot(e), last, salt);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("the last deploy recorded in the ledger"));
        Map<String, Object> sameLast = record(DeployRecord.of(p, Instant.now(), "x",
                Map.of("db", Map.of("POSTGRES_PASSWORD", Credentials.hash(salt, "POSTGRES_PASSWORD", "two")))));
        assertTrue(credentialDrift(p, new EngineSnapshot(e), sameLast, salt).isEmpty());
    }

    @Test
    void servicesDisagreeingAboutACredential() {
        Path f1 = dir.resolve("docker-compose.yml");
        Project p = new Fixtures.P(dir)
                .service("db", List.of(), List.of(env("MONGO_INITDB_ROOT_PASSWORD", "aaa", f1, 5)), List.of())
                .service("api", List.of(), List.of(env("MONGO_INITDB_ROOT_PASSWORD", "bbb", f1, 12)), List.of())
                .service("worker", List.of(), List.of(env("OTHER", "x", f1, 20)), List.of())
                .build();
        List<Finding> f = credentialDisagreement(p);
        assertEquals(1, f.size());
        assertEquals("CG207", f.get(0).code());
        assertTrue(f.get(0).message().contains("db (from docker-compose.yml:5:7), api (from docker-compose.yml:12:7)"),
                f.get(0).message());
        assertFalse(f.get(0).message().contains("aaa"));
    }

    @Test
    void bindMountTakeoverBothWays() throws Exception {
        Path emptyHost = Files.createDirectory(dir.resolve("pgdata"));
        Project p = new Fixtures.P(dir).volume("pg")
                .service("db", List.of(bind(emptyHost.toString(), "/var/lib/postgresql/data")), List.of(), List.of())
                .build();
        FakeEngine e = new FakeEngine().volume("copilotos_pg", "copilotos", "pg", 4096)
                .container(container("copilotos_db_1", "copilotos", "db", dir.toString(), "exited",
                        List.of(cvol("copilotos_pg", "/var/lib/postgresql/data")), List.of()));
        List<Finding> f = bindTakeover(p, new EngineSnapshot(e));
        assertEquals(1, f.size(), f.toString());
        assertEquals("CG208", f.get(0).code());
        assertTrue(f.get(0).message().contains("named volume copilotos_pg"));

        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("PG_VERSION"), "15");
        Project back = new Fixtures.P(dir).volume("pg")
                .service("db", List.of(vol("pg", "/var/lib/postgresql/data")), List.of(), List.of()).build();
        FakeEngine e2 = new FakeEngine().container(container("copilotos_db_1", "copilotos", "db", dir.toString(),
                "exited", List.of(cbind(full.toString(), "/var/lib/postgresql/data")), List.of()));
        List<Finding> g = bindTakeover(back, new EngineSnapshot(e2));
        assertEquals(1, g.size(), g.toString());
        assertTrue(g.get(0).message().contains("bind mount " + full));
    }

    @Test
    void servicesAgreeingAboutACredentialAreNoFinding() {
        Path f1 = dir.resolve("docker-compose.yml");
        Project p = new Fixtures.P(dir)
                .service("db", List.of(), List.of(env("MONGO_INITDB_ROOT_PASSWORD", "same", f1, 5)), List.of())
                .service("api", List.of(), List.of(env("MONGO_INITDB_ROOT_PASSWORD", "same", f1, 12)), List.of())
                .build();
        assertTrue(credentialDisagreement(p).isEmpty());
    }

    @Test
    void sameKindOfMountAsTheLastContainerIsNoTakeover() throws Exception {
        Path emptyHost = Files.createDirectory(dir.resolve("pgdata"));
        Project p = new Fixtures.P(dir).volume("pg")
                .service("db", List.of(bind(emptyHost.toString(), "/var/lib/postgresql/data")), List.of(), List.of())
                .build();
        FakeEngine e = new FakeEngine().container(container("copilotos_db_1", "copilotos", "db", dir.toString(),
                "exited", List.of(cbind(emptyHost.toString(), "/var/lib/postgresql/data")), List.of()));
        assertTrue(bindTakeover(p, new EngineSnapshot(e)).isEmpty());
    }

    /** Every engine rule is registered once, with its page, and only CG201 asks before the call goes on. */
    @Test
    void everyEngineRuleIsOneClassWithACodeNameAndSummary() {
        List<EngineRule> rules = List.of(new OrphanedData(), new ProjectRenamed(), new EnvFileSwitched(), new OverrideGone(),
                new DataMountMoved(), new CredentialDrift(), new CredentialDisagreement(), new BindTakeover());
        for (int i = 0; i < rules.size(); i++) {
            EngineRule r = rules.get(i);
            assertEquals("CG20" + (i + 1), r.code());
            assertTrue(r.name().matches("[a-z-]+") && !r.summary().isEmpty(), r.code());
            assertEquals(r instanceof OrphanedData, r.asksConsent(), r.code());
            assertTrue(getClass().getResource("/rule-docs/" + r.code() + ".md") != null, "a page for " + r.code());
        }
    }
}
