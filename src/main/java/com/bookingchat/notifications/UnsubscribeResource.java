package com.bookingchat.notifications;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The unsubscribe link of the digest e-mails. An e-mail client cannot present the apps' JWT, so API Gateway lets
 * this route through without its authorizer and the link's signature proves it instead. GET is the link a
 * person clicks; POST is RFC 8058's one-click unsubscribe, which mail providers send to the List-Unsubscribe URL.
 * Not in the OpenAPI document: no app calls it.
 */
@Path(UnsubscribeLinks.PATH)
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
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String open(@QueryParam("user") String user, @QueryParam("channel") String channel,
            @QueryParam("signature") String signature) {
        preferences.unsubscribe(user, channel, signature);
        return DONE_PAGE;
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String oneClick(@QueryParam("user") String user, @QueryParam("channel") String channel,
            @QueryParam("signature") String signature) {
        preferences.unsubscribe(user, channel, signature);
        return DONE_PAGE;
    }
}
