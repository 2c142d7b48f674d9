package com.bookingchat.infra;

import static com.bookingchat.infra.SamTemplate.list;
import static com.bookingchat.infra.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bookingchat.Fixtures;
import com.bookingchat.Lambda;
import com.bookingchat.Lambda.As;
import com.bookingchat.Lambda.Reply;
import com.bookingchat.infra.ServedRoutes.Route;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every route the template authorizes by scope is a system route, and the application refuses it to every
 * caller the authorizer would have let through by mistake: app users (also with the scope among their own
 * claims) and system clients without the scope, all with the same 403 before the request's body is read, so
 * nobody learns more than that the route is not theirs. Read from the template, so a new system route is held
 * to this without anyone listing it here.
 */
@QuarkusTest
class SystemRoutesTest {

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void cleanSlate() {
        fixtures.reset();
    }

    @Test
    void everySystemRouteRefusesAppUsersAndClientsWithoutItsScopeWith403() {
        List<ScopedRoute> routes = scopedRoutes();
        assertFalse(routes.isEmpty(), "the template authorizes no route by scope");
        String before = fixtures.rowCounts();
        for (ScopedRoute route : routes) {
            List<As> refused = new ArrayList<>(List.of(Lambda.CUSTOMER, Lambda.PROVIDER,
                    As.system("another-system", "openid booking-chat/other.scope"),
                    new As("customer-456", "customer", "customer-app", route.scope())));
            for (As caller : refused) {
                for (String body : new String[] { null, "{}" }) {
                    Reply reply = Lambda.send(caller, route.route().method(), path(route.route()), body, Map.of());
                    String what = route.route() + " as " + caller + " with body " + body;
                    assertEquals(403, reply.status(), what + ": " + reply.body());
                    assertEquals("FORBIDDEN", reply.code(), what);
                    assertEquals("The caller may not use this route", reply.json().getString("detail"), what);
                }
            }
        }
        assertEquals(before, fixtures.rowCounts());
    }

    private record ScopedRoute(Route route, String scope) {
    }

    private static List<ScopedRoute> scopedRoutes() {
        List<ScopedRoute> routes = new ArrayList<>();
        SamTemplate.read().functions().values().forEach(function -> map(function.get("Events")).values().forEach(value -> {
            Map<String, Object> event = map(value);
            Map<String, Object> properties = map(event.get("Properties"));
            Object auth = properties.get("Auth");
            if ("HttpApi".equals(event.get("Type")) && auth != null && map(auth).containsKey("AuthorizationScopes")) {
                Route route = new Route((String) properties.get("Method"), (String) properties.get("Path"));
                list(map(auth).get("AuthorizationScopes")).forEach(scope -> routes.add(new ScopedRoute(route, (String) scope)));
            }
        }));
        return routes;
    }

    /** A path of the route whose parameters are well-formed, so only the caller can be the reason for a refusal. */
    private static String path(Route route) {
        return route.path()
                .replace("{conversationSid}", "CH" + "0".repeat(32))
                .replace("{userType}", "customer")
                .replaceAll("\\{[^}]+}", "x-1");
    }
}
