package com.bookingchat.notifications;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The unsubscribe link of the digest e-mails. An e-mail client cannot present the apps' JWT, so API Gateway lets
 * this route through without its authorizer and the link's signature proves it instead. GET is the link a
 * person clicks; POST is RFC 8058's one-click unsubscribe, which mail providers send to the List-Unsubscribe URL.
 * Not in the OpenAPI document: no app calls it.
 */
@Path(UnsubscribeLinks.PATH)
// whatever the client accepts, the answer is HTML (see done()): mail clients and providers send all kinds of Accept
@Produces(MediaType.WILDCARD)
public class UnsubscribeResource {

    static final String DONE_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Unsubscribed</title></head>
            <body><p>You will get no more e-mails about unread booking chat messages.
            You can turn them on again in the app's notification settings.</p></body></html>
            """;

    private final PreferencesService preferences;

    UnsubscribeResource(PreferencesService preferences) {
        this.preferences = preferences;
    }

    @GET
    @Operation(hidden = true)
    public RestResponse<String> open(@QueryParam("user") String user, @QueryParam("channel") String channel,
            @QueryParam("signature") String signature) {
        preferences.unsubscribe(user, channel, signature);
        return done();
    }

    @POST
    @Operation(hidden = true)
    public RestResponse<String> oneClick(@QueryParam("user") String user, @QueryParam("channel") String channel,
            @QueryParam("signature") String signature) {
        preferences.unsubscribe(user, channel, signature);
        return done();
    }

    private static RestResponse<String> done() {
        return RestResponse.ResponseBuilder.ok(DONE_PAGE, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
