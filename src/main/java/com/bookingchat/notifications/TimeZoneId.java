package com.bookingchat.notifications;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.ZoneId;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An IANA time zone name such as Europe/Berlin (or UTC): a zone whose rules follow the place's clocks through
 * DST changes. Fixed offsets (+02:00) are refused, since they would leave quiet hours an hour off half the year.
 */
@Documented
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
@Constraint(validatedBy = TimeZoneId.Validator.class)
public @interface TimeZoneId {

    String message() default "must be an IANA time zone such as Europe/Berlin";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null passes: {@code @NotNull} says whether the zone is required. */
    class Validator implements ConstraintValidator<TimeZoneId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ZoneId.getAvailableZoneIds().contains(value);
        }
    }
}
