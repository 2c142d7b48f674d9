package com.bookingchat.deployment;

/**
 * What one migration run did.
 *
 * @param schemaVersionBefore the schema's version when the run began, or null for an empty database
 * @param schemaVersion the schema's version now
 * @param migrationsApplied how many migrations this run applied; 0 when the schema was already current
 */
public record MigrationReport(String schemaVersionBefore, String schemaVersion, int migrationsApplied) {
}
