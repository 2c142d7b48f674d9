package com.bookingchat.observability;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import io.quarkus.runtime.StartupEvent;

/**
 * Whether the invocation being served is its execution environment's first. With SnapStart the priming
 * request is the first in the snapshotted process, yet every environment restored from the snapshot is new:
 * the flag is raised again after each restore, so it is true exactly once per environment either way.
 */
@ApplicationScoped
class ColdStart implements Resource {

    private final AtomicBoolean first = new AtomicBoolean(true);

    void register(@Observes StartupEvent started) {
        // CRaC holds registered resources weakly; this application-scoped bean keeps itself alive.
        Core.getGlobalContext().register(this);
    }

    /** True for the first caller in this environment, false for every later one. */
    boolean take() {
        return first.getAndSet(false);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing to release
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        first.set(true);
    }
}
