package com.bookingchat.digest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What one digest run did on each channel; the SMS channel goes first, e-mail after it. */
@RegisterForReflection
public record DigestRun(DigestSummary sms, DigestSummary email) {

    /** Whether the run left work for the next one for lack of time. */
    public boolean stoppedEarly() {
        return sms.stoppedEarly() || email.stoppedEarly();
    }
}
