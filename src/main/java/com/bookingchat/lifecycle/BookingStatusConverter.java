package com.bookingchat.lifecycle;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class BookingStatusConverter implements AttributeConverter<BookingStatus, String> {

    @Override
    public String convertToDatabaseColumn(BookingStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public BookingStatus convertToEntityAttribute(String value) {
        return value == null ? null : BookingStatus.fromWire(value);
    }
}
