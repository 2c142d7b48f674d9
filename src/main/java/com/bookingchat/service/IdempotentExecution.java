package com.bookingchat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.bookingchat.observability.Metric;
import com.bookingchat.observability.Metrics;
import com.bookingchat.persistence.IdempotencyKeyRepository;
import com.bookingchat.persistence.IdempotencyKeyRepository.Held;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs a send at most once per (caller, Idempotency-Key), as payment APIs do: a repeat gets the first
 * answer, waits for an attempt still in flight, or takes over from one that died. Each step commits on its
 * own, so the key's state survives whatever fails after it.
 */
@ApplicationScoped
class IdempotentExecution {

    private static final TypeReference<MessageView> ANSWER = new TypeReference<>() {
    };

    private final IdempotencyKeyRepository keys;
    private final IdempotencyConfig config;
    private final JsonCodec json;
    private final Metrics metrics;

    IdempotentExecution(IdempotencyKeyRepository keys, IdempotencyConfig config, JsonCodec json, Metrics metrics) {
        this.keys = keys;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * @param attempt the send; its argument says whether an earlier attempt may already have reached
     *        Twilio, so it must look for that message before posting
     */
    SendResult once(String callerUserId, String key, String requestHash, Function<Boolean, MessageView> attempt) {
        Instant giveUpAt = Instant.now().plus(config.waitForInFlight());
        while (true) {
            Instant now = Instant.now();
            if (inTx(() -> keys.claimNew(callerUserId, key, requestHash, now, config.lease(), config.retention()))) {
                return run(callerUserId, key, () -> attempt.apply(false));
            }
            Held held = inTx(() -> keys.find(callerUserId, key)).orElse(null);
            if (held == null) {
                continue;
            }
            if (!held.requestHash().equals(requestHash)) {
                throw new ServiceException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key " + key + " was used for a different request");
            }
            if (held.responseBody() != null) {
                metrics.count(Metric.IDEMPOTENT_REPLAYS);
                return new SendResult(json.read(held.responseBody(), ANSWER), true);
            }
            if (held.claimedUntil().isBefore(now)
                    && inTx(() -> keys.takeOver(callerUserId, key, requestHash, now, config.lease()))) {
                return run(callerUserId, key, () -> attempt.apply(true));
            }
            if (now.isAfter(giveUpAt)) {
                throw new ServiceException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                        "An earlier request with Idempotency-Key " + key + " is still in progress",
                        Duration.ofSeconds(1), null);
            }
            pause();
        }
    }

    private SendResult run(String callerUserId, String key, Supplier<MessageView> attempt) {
        MessageView view;
        try {
            view = attempt.get();
        } catch (RuntimeException e) {
            try {
                inTx(() -> {
                    keys.release(callerUserId, key, Instant.now());
                    return null;
                });
            } catch (RuntimeException releaseFailed) {
                // the lease still runs out by itself; the original failure is what the caller must hear
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        inTx(() -> {
            keys.complete(callerUserId, key, json.write(view));
            return null;
        });
        return new SendResult(view, false);
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an earlier attempt", e);
        }
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
