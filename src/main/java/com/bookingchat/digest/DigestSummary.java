package com.bookingchat.digest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one digest run did on one channel (SMS or e-mail).
 *
 * @param recipientsNotified recipients whose digest was sent or, without an address the channel can use, recorded
 * @param recordedWithoutSending those of them with no address, or with one the provider had refused for good,
 *        whose digest was only recorded
 * @param addressesRefused recipients whose digest the provider refused for good in this run (for SMS: STOP, an
 *        invalid or non-mobile number, a region not enabled): their digests count as done and the address is not
 *        tried again
 * @param mutedRecipients recipients who turned the channel off: nothing was sent and their digests count as done
 * @param deferredRecipients recipients inside their quiet hours: nothing was sent or marked, the next run after
 *        their quiet hours sends it
 * @param notificationsDigested notifications now marked done on the channel
 * @param failedRecipients recipients whose digest could not be sent for a passing reason; the next run retries them
 * @param batches batches claimed
 * @param stoppedEarly whether the run stopped for lack of time, leaving work for the next run
 */
@RegisterForReflection
public record DigestSummary(int recipientsNotified, int recordedWithoutSending, int addressesRefused,
        int mutedRecipients, int deferredRecipients, long notificationsDigested, int failedRecipients, int batches,
        boolean stoppedEarly) {

    /** A channel the run had no time left for. */
    static final DigestSummary NOT_STARTED = new DigestSummary(0, 0, 0, 0, 0, 0, 0, 0, true);
}
