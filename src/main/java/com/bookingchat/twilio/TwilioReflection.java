package com.bookingchat.twilio;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The twilio-java classes Jackson reaches by reflection when it reads Twilio's answers, registered so the
 * native binary keeps their constructors, fields and methods: the models the adapter reads (their
 * {@code @JsonCreator} constructors and nested enums with {@code @JsonCreator forValue}), the error bodies
 * twilio-java parses into exceptions, the converters their {@code @JsonDeserialize}/{@code @JsonSerialize}
 * annotations name, and Programmable Messaging's Message for the SMS digest. {@code ignoreNested} is left
 * at its default, so every nested type is listed by name. TwilioReflectionTest derives this list from the
 * models' annotations and fails when a model gains a type that is missing here.
 */
@RegisterForReflection(targets = {
        com.twilio.base.Resource.class,
        com.twilio.base.Page.class,
        com.twilio.exception.RestException.class,
        com.twilio.exception.RestStandardException.class,
        com.twilio.exception.RestStandardException.ValidationError.class,
        com.twilio.converter.ISO8601Deserializer.class,
        com.twilio.converter.ISO8601Serializer.class,
        com.twilio.converter.RFC2822Deserializer.class,
        com.twilio.converter.CurrencyDeserializer.class,
        com.twilio.type.PhoneNumber.class,
        com.twilio.rest.conversations.v1.Conversation.class,
        com.twilio.rest.conversations.v1.Conversation.State.class,
        com.twilio.rest.conversations.v1.Conversation.WebhookEnabledType.class,
        com.twilio.rest.conversations.v1.conversation.Participant.class,
        com.twilio.rest.conversations.v1.conversation.Participant.WebhookEnabledType.class,
        com.twilio.rest.conversations.v1.conversation.Message.class,
        com.twilio.rest.conversations.v1.conversation.Message.OrderType.class,
        com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.class,
        com.twilio.rest.conversations.v1.service.configuration.Notification.class,
        com.twilio.rest.api.v2010.account.Message.class,
        com.twilio.rest.api.v2010.account.Message.AddressRetention.class,
        com.twilio.rest.api.v2010.account.Message.ContentRetention.class,
        com.twilio.rest.api.v2010.account.Message.Direction.class,
        com.twilio.rest.api.v2010.account.Message.RiskCheck.class,
        com.twilio.rest.api.v2010.account.Message.ScheduleType.class,
        com.twilio.rest.api.v2010.account.Message.Status.class,
        com.twilio.rest.api.v2010.account.Message.TrafficType.class,
        com.twilio.rest.api.v2010.account.Message.UpdateStatus.class,
})
final class TwilioReflection {

    private TwilioReflection() {
    }
}
