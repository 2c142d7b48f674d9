package com.bookingchat.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class UserTypeConverter implements AttributeConverter<UserType, String> {

    @Override
    public String convertToDatabaseColumn(UserType type) {
        return type == null ? null : type.wire();
    }

    @Override
    public UserType convertToEntityAttribute(String value) {
        return value == null ? null : UserType.fromWire(value);
    }
}
