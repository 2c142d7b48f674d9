package com.bookingchat.api;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A date-time field of a request takes an ISO-8601 string and nothing else, as text fields do
 * ({@link StrictJsonText}): Jackson's own reader would take {@code 1795509000} as epoch seconds, and it does not
 * consult the coercion settings. Anything else is answered {@code 400 MALFORMED_REQUEST} naming the field.
 */
@RegisterForReflection
public final class StrictInstantDeserializer extends StdDeserializer<Instant> {

    private static final long serialVersionUID = 1L;

    public StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
