package com.bookingchat.twilio;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What twilio-java's access-token builder reaches by name, registered so the native binary can sign tokens:
 * JJWT's API instantiates its implementation classes from class-name strings ({@code Jwts.builder()}, the
 * {@code Jwts.SIG} registry), finds its JSON serializer through {@code ServiceLoader} (the provider file is
 * included as a resource in application.properties), and that serializer writes the chat grant's payload
 * from its public fields. The native integration tests decode and verify the tokens the binary issues, so a
 * class missing here fails them.
 */
@RegisterForReflection(classNames = {
        // jjwt-impl is a runtime-only dependency of twilio-java, so these are named rather than referenced
        "io.jsonwebtoken.impl.DefaultJwtBuilder",
        "io.jsonwebtoken.impl.security.StandardSecureDigestAlgorithms",
        "io.jsonwebtoken.jackson.io.JacksonSerializer",
        "com.twilio.jwt.accesstoken.ChatGrant$Payload",
})
final class AccessTokenReflection {

    private AccessTokenReflection() {
    }
}
