package com.bookingchat.notifications;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bookingchat.erasure.ErasureStep;
import com.bookingchat.erasure.ErasureSubject;
import com.bookingchat.erasure.ErasureTally;

/**
 * An erased person's notification preferences (channels, time zone, quiet hours) go with them. Their e-mail
 * address lives on their participant rows, which the conversations step deletes. Preferences are kept per
 * user id, as the apps' identity provider issues one id per person.
 */
@ApplicationScoped
class PreferencesErasure implements ErasureStep {

    private final PreferencesRepository preferences;

    PreferencesErasure(PreferencesRepository preferences) {
        this.preferences = preferences;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(ErasureSubject subject, ErasureTally tally) {
        tally.add("preferencesDeleted", preferences.delete("userId", subject.userId()));
    }
}
