package dev.composeguard.rules.run;

import dev.composeguard.rules.FileRule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.Severity;
import dev.composeguard.rules.Finding;
import dev.composeguard.testsupport.TestProject;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.Project;
import dev.composeguard.project.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One positive and one negative case per rule, on projects built in memory. */
class RulesTest {
    @TempDir
    Path tmp;

    private Path dir() throws IOException {
        return Files.createDirectories(tmp.resolve("app"));
    }

    static List<Finding> lint(Project p, String code) {
        return lint(p, RuleConfig.EMPTY, code);
    }

    static List<Finding> lint(Project p, RuleConfig cfg, String code) {
        var ctx = new FileContext(p, cfg, p.workingDir(), FileContext.Siblings.NONE);
        return Linter.run(ctx, List.of((FileRule) Rules.find(code))).findings();
    }

    private static void touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "X=1\n");
    }

    // CG101
    @Test
    void cg101_unqualifiedEnvFileWhileProdEnvFileSelected() throws IOException {
        Path d = dir();
        touch(d.resolve(".env"));
        touch(d.resolve(".env.prod"));
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED).envFile(".env.prod", EnvFileRole.FLAG);
        Project p = t.service("api", s -> s.image("shop/api").envFile(".env", true, t.at("docker-compose.yml", 4))).build();
        List<Finding> f = lint(p, "CG101");
        assertEquals(1, f.size(), f.toString());
        assertEquals(4, f.get(0).source().line());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).message().contains("production"), f.get(0).message());
    }

    @Test
    void cg101_devEnvFileInProdComposeSelection() throws IOException {
        Path d = dir();
        touch(d.resolve(".env.dev"));
        var t = TestProject.in(d).file("compose.yaml", FileRole.FLAG).file("compose.production.yaml", FileRole.FLAG);
        Project p = t.service("api", s -> s.image("x").envFile(".env.dev", true, t.at("compose.yaml", 3))).build();
        List<Finding> f = lint(p, "CG101");
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().contains("(development) in a production selection"), f.get(0).message());
    }

    @Test
    void cg101_mixedSelection() throws IOException {
        Path d = dir();
        touch(d.resolve(".env.dev"));
        Project p = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.prod.yml", FileRole.FLAG)
                .envFile(".env.dev", EnvFileRole.FLAG).build();
        List<Finding> f = lint(p, "CG101");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("docker-compose.prod.yml (production) with --env-file .env.dev (development)"),
                f.get(0).message());
        Project ok = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.dev.yml", FileRole.FLAG)
                .envFile(".env.dev", EnvFileRole.FLAG).build();
        assertEquals(List.of(), lint(ok, "CG101"));
    }

    @Test
    void cg101_outsideProjectDirIsAWarning() throws IOException {
        Path d = dir();
        touch(tmp.resolve("shared/common.env"));
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("api", s -> s.image("x").envFile("../shared/common.env", true, t.at("compose.yaml", 3))).build();
        List<Finding> f = lint(p, "CG101");
        assertEquals(1, f.size());
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void cg101_negative_selectedFileAndNeutralFiles() throws IOException {
        Path d = dir();
        touch(d.resolve(".env.prod"));
        touch(d.resolve("common.env"));
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.prod.yml", FileRole.FLAG)
                .envFile(".env.prod", EnvFileRole.FLAG);
        Project p = t.service("api", s -> s.image("x").envFile(".env.prod", true, t.at("docker-compose.prod.yml", 3))
                .envFile("common.env", true, t.at("docker-compose.yml", 5))).build();
        assertEquals(List.of(), lint(p, "CG101"));
    }

    // CG102
    @Test
    void cg102_envFilesDisagree_listsEverySourceAndWinner() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED);
        Project p = t.name("shop-prod", NameOrigin.ENV_FILE, t.at(".env.prod", 2))
                .candidate(NameOrigin.SERVICE_ENV_FILE, "shop", t.at(".env", 1), false)
                .candidate(NameOrigin.NAME_FIELD, "shop", t.at("docker-compose.yml", 1), false).build();
        List<Finding> f = lint(p, "CG102");
        assertEquals(1, f.size());
        String m = f.get(0).message();
        assertTrue(m.contains("compose uses \"shop-prod\" from COMPOSE_PROJECT_NAME in .env.prod:2"), m);
        assertTrue(m.contains("\"shop\" from COMPOSE_PROJECT_NAME in service env_file .env:1"), m);
        assertTrue(m.contains("\"shop\" from name: in docker-compose.yml:1"), m);
        assertEquals(2, f.get(0).source().line());
    }

    @Test
    void cg102_pinnedNameInConfigDiffers() throws Exception {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED);
        Project p = t.build(); // directory name "app"
        RuleConfig cfg = ConfigFile.parse(d.resolve(".compose-guard.yml"), "project-name: shop\n");
        List<Finding> f = lint(p, cfg, "CG102");
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().startsWith("project name \"app\" is not the pinned name \"shop\""), f.get(0).message());
    }

    @Test
    void cg102_directoryWinsWhileAServiceEnvFileNamesAnother() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED);
        Project p = t.candidate(NameOrigin.SERVICE_ENV_FILE, "shop", t.at("../envs/.env", 1), false).build();
        List<Finding> f = lint(p, "CG102");
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().contains("compose uses \"app\" from the project directory's name"), f.get(0).message());
    }

    @Test
    void cg102_explicitFlagIsAWarningNotABlock() throws IOException {
        // "-p old" is the fix CG201 recommends after a rename: the disagreement is reported, the repair not blocked.
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED);
        Project p = t.name("shop", NameOrigin.FLAG, Source.NONE)
                .candidate(NameOrigin.ENV_FILE, "shop-prod", t.at(".env", 1), true).build();
        List<Finding> f = lint(p, "CG102");
        assertEquals(1, f.size());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains("compose uses \"shop\" from -p"), f.get(0).message());
    }

    @Test
    void cg102_negative_sameNameNormalizedAndDirectoryIgnored() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED);
        Project p = t.name("shop", NameOrigin.ENV_FILE, t.at(".env", 1))
                .candidate(NameOrigin.NAME_FIELD, "Shop", t.at("docker-compose.yml", 1), false).build();
        assertEquals(List.of(), lint(p, "CG102"));
    }

    @Test
    void cg102_dotenvReplacedByEnvFileFlagStillCounts() throws IOException {
        Path d = dir();
        Files.writeString(d.resolve(".env"), "# dev\nCOMPOSE_PROJECT_NAME=\"shop\"\n");
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED).envFile(".env.prod", EnvFileRole.FLAG);
        Project p = t.name("shop-prod", NameOrigin.ENV_FILE, t.at(".env.prod", 1)).build();
        List<Finding> f = lint(p, "CG102");
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().contains("\"shop\" from COMPOSE_PROJECT_NAME in .env:2 (not read by this selection)"),
                f.get(0).message());
    }

    // CG103
    @Test
    void cg103_requiredFileMissingAndPresent() throws Exception {
        Path d = dir();
        Project p = TestProject.in(d).file("docker-compose.yml", FileRole.DISCOVERED).build();
        RuleConfig cfg = ConfigFile.parse(d.resolve(".compose-guard.yml"),
                "required-files:\n  - docker-compose.override.yml\n  - docker-compose.yml\n");
        Files.writeString(d.resolve("docker-compose.yml"), "services: {}\n");
        List<Finding> f = lint(p, cfg, "CG103");
        assertEquals(1, f.size());
        assertEquals(2, f.get(0).source().line());
        Files.writeString(d.resolve("docker-compose.override.yml"), "services: {}\n");
        assertEquals(List.of(), lint(p, cfg, "CG103"));
    }

    // CG104
    @Test
    void cg104_devTargetInProdSelection() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.prod.yml", FileRole.FLAG);
        Project p = t.service("api", s -> s.target("dev", t.at("docker-compose.yml", 5))).build();
        List<Finding> f = lint(p, "CG104");
        assertEquals(1, f.size());
        assertEquals(5, f.get(0).source().line());
    }

    @Test
    void cg104_negative_prodTargetOrDevSelection() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.prod.yml", FileRole.FLAG);
        assertEquals(List.of(), lint(t.service("api", s -> s.target("production", t.at("docker-compose.prod.yml", 4))).build(), "CG104"));
        var t2 = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.dev.yml", FileRole.FLAG);
        assertEquals(List.of(), lint(t2.service("api", s -> s.target("dev", t2.at("docker-compose.yml", 5))).build(), "CG104"));
        assertTrue(DevTargetIs.dev("dev-server") && DevTargetIs.dev("debug") && !DevTargetIs.dev("builder")
                && !DevTargetIs.dev("runtime"));
    }

    static final class DevTargetIs {
        static boolean dev(String t) {
            return dev.composeguard.rules.file.DevTargetInProduction.isDevTarget(t);
        }
    }

    // CG105
    @Test
    void cg105_namedInBaseBindInOverride() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.prod.yml", FileRole.FLAG);
        t.layer("docker-compose.yml", l -> l.service("db", s -> s.image("mongo:6").named("mongo_data", "/data/db", t.at("docker-compose.yml", 8))))
                .layer("docker-compose.prod.yml", l -> l.service("db", s -> s.bind("./data", "/data/db/", t.at("docker-compose.prod.yml", 6))));
        Project p = t.service("db", s -> s.image("mongo:6").bind("./data", "/data/db", t.at("docker-compose.prod.yml", 6))).build();
        List<Finding> f = lint(p, "CG105");
        assertEquals(1, f.size(), f.toString());
        assertEquals(6, f.get(0).source().line());
        assertTrue(f.get(0).message().contains("named volume mongo_data in docker-compose.yml:8"), f.get(0).message());
    }

    @Test
    void cg105_siblingEnvironmentDiffers() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.prod.yml", FileRole.FLAG);
        Project p = t.service("db", s -> s.image("postgres:16").bind("/srv/pg", "/var/lib/postgresql/data", t.at("docker-compose.prod.yml", 6))).build();
        var devLayer = TestProject.in(d).layer("docker-compose.dev.yml", l -> l.service("db",
                s -> s.named("pgdata", "/var/lib/postgresql/data", t.at("docker-compose.dev.yml", 7)))).build().layers().get(0);
        var ctx = new FileContext(p, RuleConfig.EMPTY, d, pr -> List.of(new FileContext.SiblingLayer("development", devLayer)));
        List<Finding> f = Linter.run(ctx, List.of((FileRule) Rules.find("CG105"))).findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).source().file().endsWith("docker-compose.dev.yml"));
    }

    @Test
    void cg105_negative_sameVolumeEverywhereAndCodeBinds() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("docker-compose.yml", FileRole.FLAG).file("docker-compose.dev.yml", FileRole.FLAG);
        t.layer("docker-compose.yml", l -> l.service("db", s -> s.named("pg", "/var/lib/postgresql/data", t.at("docker-compose.yml", 8)))
                .service("web", s -> s.anon("/app/node_modules", t.at("docker-compose.yml", 12))))
                .layer("docker-compose.dev.yml", l -> l.service("db", s -> s.named("pg", "/var/lib/postgresql/data", t.at("docker-compose.dev.yml", 3)))
                        .service("web", s -> s.bind("./src", "/app/src", t.at("docker-compose.dev.yml", 6))));
        Project p = t.service("db", s -> s.image("postgres").named("pg", "/var/lib/postgresql/data", t.at("docker-compose.dev.yml", 3)))
                .service("web", s -> s.image("node")).build();
        assertEquals(List.of(), lint(p, "CG105"));
    }

    // CG106
    @Test
    void cg106_postgresWithoutVolumeAndAnonymous() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("docker.io/library/postgres:16-alpine").at(t.at("compose.yaml", 2)))
                .service("mongo", s -> s.image("mongo").anon("/data/db", t.at("compose.yaml", 9)))
                .service("cache", s -> s.image("redis:7").at(t.at("compose.yaml", 12))).build();
        List<Finding> f = lint(p, "CG106");
        assertEquals(3, f.size(), f.toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(1).message().contains("anonymous volume"));
        assertEquals(Severity.INFO, f.get(2).severity());
    }

    @Test
    void cg106_negative_namedOrParentOrPgdata() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("postgres:18").named("pg", "/var/lib/postgresql", t.at("compose.yaml", 3)))
                .service("db2", s -> s.image("postgres").env("PGDATA", "/pgdata", t.at("compose.yaml", 6))
                        .bind("./pgdata", "/pgdata", t.at("compose.yaml", 8)))
                .service("web", s -> s.image("nginx")).build();
        assertEquals(List.of(), lint(p, "CG106"));
    }

    // CG107
    @Test
    void cg107_missingBindSource() throws IOException {
        Path d = dir();
        Files.createDirectories(d.resolve("conf"));
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("mysql:8").bind("./mysql", "/var/lib/mysql", t.at("compose.yaml", 5))
                .bind("./conf", "/etc/mysql/conf.d", t.at("compose.yaml", 6))
                .bind("./init", "/docker-entrypoint-initdb.d", t.at("compose.yaml", 7))).build();
        List<Finding> f = lint(p, "CG107");
        assertEquals(2, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals(Severity.INFO, f.get(1).severity()); // a directory Docker creates on a fresh checkout
        Files.createDirectories(d.resolve("mysql"));
        Files.createDirectories(d.resolve("init"));
        assertEquals(List.of(), lint(p, "CG107"));
    }

    // CG108
    @Test
    void cg108_literalPasswordNeverPrinted() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("postgres").env("POSTGRES_PASSWORD", "hunter2-very-secret", t.at("compose.yaml", 5))
                .env("DATABASE_URL", "postgres://app:pa55word@db:5432/app", t.at("compose.yaml", 6))).build();
        List<Finding> f = lint(p, "CG108");
        assertEquals(2, f.size());
        for (Finding x : f) {
            assertFalse(x.message().contains("hunter2") || x.hint().contains("hunter2"));
            assertFalse(x.message().contains("pa55word") || x.hint().contains("pa55word"));
        }
    }

    @Test
    void cg108_negative_variablesFilesAndFlags() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("mysql")
                .env("MYSQL_ROOT_PASSWORD", "${MYSQL_ROOT_PASSWORD:?}", t.at("compose.yaml", 5))
                .env("MYSQL_PASSWORD_FILE", "/run/secrets/db_password", t.at("compose.yaml", 6))
                .env("MYSQL_RANDOM_ROOT_PASSWORD", "yes", t.at("compose.yaml", 7))
                .env("TOKEN_TTL", "3600", t.at("compose.yaml", 8))
                .env("DB_URL", "mysql://db:3306/app", t.at("compose.yaml", 9))
                .env("KEYCLOAK_ADMIN", "admin", t.at("compose.yaml", 10))
                .env("PWD", "/app", t.at("compose.yaml", 11))).build();
        assertEquals(List.of(), lint(p, "CG108"));
    }

    // CG109
    @Test
    void cg109_unsetVariable() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        assertEquals(1, lint(t.unset("TAG", t.at("compose.yaml", 3), "services.web.image")
                .unset("TAG", t.at("compose.yaml", 3), "services.web.image").build(), "CG109").size());
        assertEquals(List.of(), lint(TestProject.in(d).build(), "CG109"));
    }

    @Test
    void cg109_onlyWhereTheEmptyValueLandsInAPathNameImageOrPort() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.unset("CONFIG", t.at("compose.yaml", 5), "services.web.volumes[0]")
                .unset("CONFIG", t.at("compose.yaml", 5), "services.prosody.volumes[1]")
                .unset("SMTP_HOST", t.at("compose.yaml", 7), "services.web.environment.SMTP_HOST")
                .unset("HTTP_PORT", t.at("compose.yaml", 8), "services.web.ports[0]")
                .unset("NAME", t.at("compose.yaml", 1), "name")
                .unset("X", t.at("compose.yaml", 9), "services.web.labels.x").build();
        List<Finding> f = lint(p, "CG109");
        assertEquals(3, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("the project name"), f.get(0).message());
        assertTrue(f.get(1).message().contains("mount path of services web, prosody"), f.get(1).message());
        assertTrue(f.get(2).message().contains("port"), f.get(2).message());
    }

    // CG110
    @Test
    void cg110_missingEnvFileUnlessOptional() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("web", s -> s.image("x").envFile("web.env", true, t.at("compose.yaml", 4))
                .envFile("local.env", false, t.at("compose.yaml", 6))).build();
        List<Finding> f = lint(p, "CG110");
        assertEquals(1, f.size());
        assertEquals(4, f.get(0).source().line());
        touch(d.resolve("web.env"));
        assertEquals(List.of(), lint(p, "CG110"));
    }

    // CG111
    @Test
    void cg111_unpinnedDatabaseVolume() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("postgres").named("pgdata", "/var/lib/postgresql/data", t.at("compose.yaml", 5)))
                .service("web", s -> s.image("nginx").named("static", "/usr/share/nginx/html", t.at("compose.yaml", 9)))
                .volume("pgdata", false, false, t.at("compose.yaml", 12))
                .volume("static", false, false, t.at("compose.yaml", 13)).build();
        List<Finding> f = lint(p, "CG111");
        assertEquals(2, f.size(), f.toString());
        assertEquals(12, f.get(0).source().line());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).hint().contains("name: app_pgdata"), f.get(0).hint());
        // application data: below the database case, with the engine name it gets
        assertEquals(Severity.INFO, f.get(1).severity());
        assertTrue(f.get(1).message().contains("volume static holds application data")
                && f.get(1).message().contains("app_static"), f.get(1).message());
    }

    @Test
    void cg111_negative_pinnedOrExternal() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("postgres").named("pgdata", "/var/lib/postgresql/data", t.at("compose.yaml", 5)))
                .service("m", s -> s.image("mariadb").named("mdb", "/var/lib/mysql", t.at("compose.yaml", 8)))
                .volume("pgdata", true, false, t.at("compose.yaml", 12))
                .volume("mdb", false, true, t.at("compose.yaml", 14)).build();
        assertEquals(List.of(), lint(p, "CG111"));
    }

    @Test
    void inactiveServicesAreNotLinted() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("postgres").inactive()).build();
        assertEquals(List.of(), lint(p, "CG106"));
    }

    @Test
    void cg111_applicationData_oncePerVolume_notCachesReadOnlyOrOneShot() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("app", s -> s.image("nextcloud").named("html", "/var/www/html", t.at("compose.yaml", 3))
                        .named("cache", "/var/cache/app", t.at("compose.yaml", 4)))
                .service("cron", s -> s.image("nextcloud").named("html", "/var/www/html", t.at("compose.yaml", 7)))
                .service("proxy", s -> s.image("nginx").mount(new dev.composeguard.project.Mount(
                        dev.composeguard.project.MountType.VOLUME, "certs", "/etc/nginx/certs", true, t.at("compose.yaml", 9))))
                .volume("html", false, false, t.at("compose.yaml", 12))
                .volume("cache", false, false, t.at("compose.yaml", 13))
                .volume("certs", false, false, t.at("compose.yaml", 14)).build();
        List<Finding> f = lint(p, "CG111");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("services app, cron"), f.get(0).message());
    }

    // CG112
    @Test
    void cg112_postgres18VolumeAtTheOldPathAndPostgres16ShadowedParent() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("new", s -> s.image("postgres:18-alpine").named("a", "/var/lib/postgresql/data", t.at("compose.yaml", 3)))
                .service("old", s -> s.image("postgres:16").named("b", "/var/lib/postgresql", t.at("compose.yaml", 6)))
                .volume("a", false, false, t.at("compose.yaml", 10)).volume("b", false, false, t.at("compose.yaml", 11))
                .build();
        List<Finding> f = lint(p, "CG112");
        assertEquals(2, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).message().contains("/var/lib/postgresql/18/docker"), f.get(0).message());
        assertTrue(f.get(1).message().contains("VOLUME /var/lib/postgresql/data"), f.get(1).message());
        // CG106 stays quiet: CG112 explains where the data went
        assertEquals(List.of(), lint(p, "CG106"));
    }

    @Test
    void cg112_negative_eachMajorAtItsOwnPath() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("new", s -> s.image("postgres:18").named("a", "/var/lib/postgresql", t.at("compose.yaml", 3)))
                .service("old", s -> s.image("postgres:17").named("b", "/var/lib/postgresql/data", t.at("compose.yaml", 6)))
                .service("pgdata", s -> s.image("postgres:18").env("PGDATA", "/var/lib/postgresql/data/pgdata", t.at("compose.yaml", 8))
                        .named("c", "/var/lib/postgresql/data", t.at("compose.yaml", 9)))
                .service("zulip", s -> s.image("zulip/zulip-postgresql:14").named("z", "/var/lib/postgresql/data", t.at("compose.yaml", 12)))
                .build();
        assertEquals(List.of(), lint(p, "CG112"));
        assertEquals(List.of(), lint(p, "CG106"));
    }

    @Test
    void engineFactsRecogniseAnImageTheTableDoesNotKnow() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("db", s -> s.image("lindwurm/pg_repack:9.6").at(t.at("compose.yaml", 2))).build();
        var facts = new dev.composeguard.project.ImageConfig(List.of("/var/lib/postgresql/data"), "/",
                java.util.Map.of("PGDATA", "/var/lib/postgresql/data", "PG_MAJOR", "9.6"));
        var ctx = new FileContext(p, RuleConfig.EMPTY, d, FileContext.Siblings.NONE,
                refs -> java.util.Map.of("lindwurm/pg_repack:9.6", facts));
        List<Finding> f = Linter.run(ctx, List.of((FileRule) Rules.find("CG106"))).findings();
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("(postgres 9.6)"), f.get(0).message());
        assertEquals(List.of(), lint(p, "CG106")); // without the engine: an unknown image
    }

    // CG108: URLs and fallbacks
    @Test
    void cg108_passwordsInUrlDefaultsAndKeyFallbacks_neverPrinted() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("api", s -> s.image("x")
                .env("DATABASE_URL", "${DATABASE_URL:-postgres://plane:s3cretpw@db/plane}", t.at("compose.yaml", 3))
                .env("PG_URL", "postgres://${U:-u}:${PW:-fallbackpw}@${H:-db}:5432/x", t.at("compose.yaml", 4))
                .env("APP_KEY", "${APP_KEY:-base64keyvalue}", t.at("compose.yaml", 5))
                .env("SALT", "${SALT:-saltvalue1}", t.at("compose.yaml", 6))
                .env("HOST_URL", "postgres://app:literalpw@${DB_HOST}/x", t.at("compose.yaml", 7))
                .env("OK_URL", "postgres://${U:-u}:${PW:?set PW}@db/x", t.at("compose.yaml", 8))
                .env("PUBLIC_KEY", "${PUBLIC_KEY:-pk_live}", t.at("compose.yaml", 9))).build();
        List<Finding> f = lint(p, "CG108");
        assertEquals(5, f.size(), f.toString());
        for (Finding x : f) {
            for (String secret : List.of("s3cretpw", "fallbackpw", "base64keyvalue", "saltvalue1", "literalpw")) {
                assertFalse(x.message().contains(secret) || x.hint().contains(secret), x.toString());
            }
        }
    }

    // one finding per rule and place
    @Test
    void anAnchorSharedByServicesGivesOneFindingListingThem() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Source shared = t.at("compose.yaml", 4);
        Project p = t.service("web", s -> s.image("x").env("SECRET_KEY", "literal-key-1", shared))
                .service("worker", s -> s.image("x").env("SECRET_KEY", "literal-key-1", shared)).build();
        List<Finding> f = lint(p, "CG108");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().startsWith("services web, worker:"), f.get(0).message());
    }

    @Test
    void cg107_fileMountBecomesADirectory() throws IOException {
        Path d = dir();
        var t = TestProject.in(d).file("compose.yaml", FileRole.DISCOVERED);
        Project p = t.service("web", s -> s.image("nginx").bind("./nginx.conf", "/etc/nginx/nginx.conf", t.at("compose.yaml", 5))
                .bind("./conf.d", "/etc/nginx/conf.d", t.at("compose.yaml", 6))).build();
        List<Finding> f = lint(p, "CG107");
        assertEquals(2, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals(Severity.INFO, f.get(1).severity());
    }
}
