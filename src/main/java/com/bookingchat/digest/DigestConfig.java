package com.bookingchat.digest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When and how the unread digest runs. */
@ConfigMapping(prefix = "booking-chat.digest")
interface DigestConfig {

    /** How long a message stays unread before a digest mentions it. */
    @WithDefault("30M")
    Duration delay();

    /** Recipients claimed per batch, one transaction each: bounds memory and how long a batch keeps its rows locked. */
    @WithDefault("100")
    int batchSize();

    /** Digests of a batch sent at once: Twilio answers in a few hundred ms, so one at a time would cap a run at a few thousand. */
    @WithDefault("8")
    int sendConcurrency();

    /** A run starts no batch and sends no further digest once less invocation time than this is left. */
    @WithDefault("30S")
    Duration timeMargin();

    /** How far back the run looks for conversations whose Twilio messages were never recorded; 0 turns that off. */
    @WithDefault("24H")
    Duration reconcileWindow();

    /** Most of the invocation the reconciliation may use before digesting starts. */
    @WithDefault("60S")
    Duration reconcileBudget();
}
