package com.bookingchat.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native binary's reflection list for twilio-java is complete and has nothing stale: it equals what
 * Jackson reaches from the classes twilio-java parses Twilio's answers into (their creators' parameter
 * types, the converters their annotations name, their superclasses and nested types).
 */
class TwilioReflectionTest {

    /** What twilio-java hands to Jackson for the adapter and the SMS digest: models and error bodies. */
    private static final List<Class<?>> PARSED = List.of(
            com.twilio.rest.conversations.v1.Conversation.class,
            com.twilio.rest.conversations.v1.conversation.Participant.class,
            com.twilio.rest.conversations.v1.conversation.Message.class,
            com.twilio.rest.conversations.v1.service.configuration.Notification.class,
            com.twilio.rest.api.v2010.account.Message.class,
            com.twilio.exception.RestException.class,
            com.twilio.exception.RestStandardException.class);

    @Test
    void everyTwilioTypeJacksonReachesIsRegisteredAndNothingElse() {
        Set<String> reached = new TreeSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(PARSED);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!type.getName().startsWith("com.twilio.") || !reached.add(type.getName())) {
                continue;
            }
            pending.addAll(reachableFrom(type));
        }
        // Page is read by hand (readTree), but its records are read through it, so it stays registered.
        reached.add(com.twilio.base.Page.class.getName());

        Set<String> registered = new TreeSet<>();
        Arrays.stream(TwilioReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .forEach(target -> registered.add(target.getName()));
        assertEquals(reached, registered);
    }

    private static List<Class<?>> reachableFrom(Class<?> type) {
        Stream.Builder<Class<?>> reachable = Stream.builder();
        if (type.getSuperclass() != null) {
            reachable.add(type.getSuperclass());
        }
        Arrays.stream(type.getDeclaredClasses()).forEach(reachable::add);
        Stream.of(type.getDeclaredFields()).forEach(field -> converters(field).forEach(reachable::add));
        Stream.of(type.getDeclaredMethods()).forEach(method -> converters(method).forEach(reachable::add));
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (!constructor.isAnnotationPresent(JsonCreator.class)) {
                continue;
            }
            for (var parameter : constructor.getParameters()) {
                typesIn(parameter.getParameterizedType()).forEach(reachable::add);
                converters(parameter).forEach(reachable::add);
            }
        }
        return reachable.build().toList();
    }

    private static Stream<Class<?>> typesIn(Type type) {
        if (type instanceof Class<?> plain) {
            return Stream.of(plain);
        }
        if (type instanceof ParameterizedType generic) {
            return Stream.concat(typesIn(generic.getRawType()),
                    Arrays.stream(generic.getActualTypeArguments()).flatMap(TwilioReflectionTest::typesIn));
        }
        return Stream.empty();
    }

    /** The (de)serializer classes an element's Jackson annotations name. */
    private static Stream<Class<?>> converters(AnnotatedElement element) {
        Stream.Builder<Class<?>> converters = Stream.builder();
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation instanceof JsonDeserialize deserialize && deserialize.using() != JsonDeserializer.None.class) {
                converters.add(deserialize.using());
            }
            if (annotation instanceof JsonSerialize serialize && serialize.using() != JsonSerializer.None.class) {
                converters.add(serialize.using());
            }
        }
        return converters.build();
    }
}
