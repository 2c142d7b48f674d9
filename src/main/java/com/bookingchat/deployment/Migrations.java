package com.bookingchat.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Applies the artifact's Flyway migrations. Only the migrate function activates Flyway (and it alone has a
 * pool of two connections: Flyway holds its lock on one and migrates on the other); every other function
 * leaves it inactive, so their cold starts never take Flyway's lock.
 */
@ApplicationScoped
class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    private final Instance<Flyway> flyway;

    Migrations(Instance<Flyway> flyway) {
        this.flyway = flyway;
    }

    MigrationReport apply() {
        Flyway migrator = flyway.get();
        MigrateResult result = migrator.migrate();
        // Flyway names no target when there was nothing to apply: the schema then stands where it stood.
        String now = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        MigrationReport report = new MigrationReport(result.initialSchemaVersion, now, result.migrationsExecuted);
        LOG.infof("migrations: schema %s -> %s, %d applied", report.schemaVersionBefore(), report.schemaVersion(),
                report.migrationsApplied());
        return report;
    }
}
