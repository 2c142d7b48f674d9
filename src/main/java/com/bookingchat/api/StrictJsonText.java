package com.bookingchat.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A text field of a request takes a JSON string and nothing else. Jackson would otherwise read
 * {@code {"body": 12345}} or {@code true} as the text "12345" or "true" and the service would post it;
 * refused here, it is answered {@code 400 MALFORMED_REQUEST} naming the field, before anything is written or
 * sent. A switch (the notification preferences) takes a JSON boolean and nothing else, for the same reason. Values of free-form JSON (the booking details) keep their types and are unaffected.
 */
@Singleton
class StrictJsonText implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // a switch takes true or false, never "false" or 0
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }
}
