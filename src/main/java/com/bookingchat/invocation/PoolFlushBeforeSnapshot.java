package com.bookingchat.invocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Empties the connection pool just before a SnapStart snapshot. Lambda restores a snapshot minutes or days
 * later, in other execution environments: a PostgreSQL connection opened during init (Hibernate's start-up
 * check, the priming request) would be restored as a TCP session that no longer exists, and the first
 * request after the restore would wait for it to time out. SnapStart calls CRaC's {@code beforeCheckpoint}
 * hooks before it takes the snapshot; outside SnapStart (a plain JVM, dev, tests) the hook never runs.
 * Functions whose datasource is inactive (the token function) have no pool to empty.
 */
@ApplicationScoped
public class PoolFlushBeforeSnapshot implements Resource {

    private static final Logger LOG = Logger.getLogger(PoolFlushBeforeSnapshot.class);

    private final Instance<AgroalDataSource> dataSource;
    private final boolean dataSourceActive;

    PoolFlushBeforeSnapshot(Instance<AgroalDataSource> dataSource,
            @ConfigProperty(name = "quarkus.datasource.active", defaultValue = "true") boolean dataSourceActive) {
        this.dataSource = dataSource;
        this.dataSourceActive = dataSourceActive;
    }

    void register(@Observes StartupEvent started) {
        // CRaC holds registered resources weakly; this application-scoped bean keeps itself alive.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        if (!dataSourceActive) {
            return;
        }
        dataSource.get().flush(AgroalDataSource.FlushMode.ALL);
        LOG.info("connection pool emptied before the snapshot");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // The pool opens a fresh connection on the first request after the restore.
    }
}
