package com.bookingchat.digest;

/**
 * What one digest run did.
 *
 * @param recipientsNotified recipients whose digest was sent or, without a phone that takes SMS, recorded
 * @param recordedWithoutSending those of them with no phone, or with a phone Twilio had refused for good,
 *        whose digest was only recorded
 * @param phonesRefused recipients whose SMS Twilio refused for good in this run (STOP, an invalid or
 *        non-mobile number, a region not enabled): their digests count as done and the phone is not texted again
 * @param notificationsDigested notifications now marked digested
 * @param failedRecipients recipients whose digest could not be sent for a passing reason; the next run retries them
 * @param batches batches claimed
 * @param stoppedEarly whether the run stopped for lack of time, leaving work for the next run
 */
public record DigestSummary(int recipientsNotified, int recordedWithoutSending, int phonesRefused,
        long notificationsDigested, int failedRecipients, int batches, boolean stoppedEarly) {
}
