package com.bookingchat.erasure;

/**
 * One part of erasing a person: what one table or one system holds of them. Each step is idempotent and
 * resumable by construction (the person's remaining data is its to-do list), so a retry runs every step again
 * and the ones that finished find nothing left. A new table that holds personal data gets a step of its own
 * (a CDI bean implementing this), not a change to the others.
 */
public interface ErasureStep {

    /** Steps run in ascending order; a step may rely on the steps before it having finished. */
    int order();

    /** Removes what this step owns of the person, counting what it removed. */
    void run(ErasureSubject subject, ErasureTally tally);
}
