package com.bookingchat.service;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text the service stores or forwards: valid Unicode, so no unpaired UTF-16 surrogate, and no C0 control
 * character but tab, line feed and carriage return. PostgreSQL cannot store U+0000, Twilio would post the
 * rest as it came, and no person types them. On a map or a list (a JSON object or array) every key and every
 * string inside, however deep, must be such text; other values (numbers, booleans, null) pass.
 */
@Documented
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
@Constraint(validatedBy = UnicodeTextValidator.class)
public @interface UnicodeText {

    /** The message of a violation, also used where the rule is checked by hand (the webhook's fields). */
    String MESSAGE = "must be valid Unicode text without control characters other than tab, line feed and carriage return";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
