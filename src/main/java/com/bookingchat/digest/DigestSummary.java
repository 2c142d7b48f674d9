package com.bookingchat.digest;

/**
 * What one digest run did.
 *
 * @param recipientsNotified recipients whose digest was sent or, without a phone, recorded
 * @param recordedWithoutSending those of them with no phone, whose digest was only recorded
 * @param notificationsDigested notifications now marked digested
 * @param failedRecipients recipients whose digest could not be sent; the next run retries them
 * @param batches batches claimed
 * @param stoppedEarly whether the run stopped for lack of time, leaving work for the next run
 */
public record DigestSummary(int recipientsNotified, int recordedWithoutSending, long notificationsDigested,
        int failedRecipients, int batches, boolean stoppedEarly) {
}
