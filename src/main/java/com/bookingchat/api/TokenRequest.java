package com.bookingchat.api;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of the token operation: the app's platform, so its token can carry that platform's push credential. */
public record TokenRequest(
        @Schema(type = SchemaType.STRING, enumeration = { "ios", "android", "web" },
                description = "the app's platform; omit it for a token without push")
        @Pattern(regexp = "ios|android|web") String platform) {
}
