package com.bookingchat.service;

import java.util.Collection;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link UnicodeText}: strings, and the keys and strings of maps and collections at any depth. */
public class UnicodeTextValidator implements ConstraintValidator<UnicodeText, Object> {

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return holdsOnlyText(value);
    }

    /** Whether {@code text} is valid Unicode without C0 controls other than tab, line feed and carriage return. */
    public static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsOnlyText(Object value) {
        if (value instanceof String text) {
            return isText(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(entry -> holdsOnlyText(entry.getKey()) && holdsOnlyText(entry.getValue()));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().allMatch(UnicodeTextValidator::holdsOnlyText);
        }
        return true;
    }
}
