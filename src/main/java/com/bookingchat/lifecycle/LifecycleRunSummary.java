package com.bookingchat.lifecycle;

/**
 * What one scheduled lifecycle run did.
 *
 * @param conversationsClosed conversations that fell due and were closed here
 * @param closedInTwilio conversations closed in Twilio (the ones just closed, and earlier ones Twilio had not yet confirmed)
 * @param failedInTwilio conversations Twilio could not close now; the next run retries them
 * @param stoppedEarly whether the run stopped for lack of time or at its batch size, leaving work for the next run
 */
public record LifecycleRunSummary(int conversationsClosed, int closedInTwilio, int failedInTwilio,
        boolean stoppedEarly) {
}
