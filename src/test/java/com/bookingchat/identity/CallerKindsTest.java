package com.bookingchat.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.bookingchat.persistence.UserType;
import com.bookingchat.service.ErrorCode;
import com.bookingchat.service.ServiceException;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** App users reach app routes only, system clients reach system routes only and only with the route's scope. */
class CallerKindsTest {

    private static final IdentityConfig CONFIG = new IdentityConfig() {
        @Override
        public String userIdClaim() {
            return "sub";
        }

        @Override
        public String userTypeClaim() {
            return "user_type";
        }

        @Override
        public String clientIdClaim() {
            return "client_id";
        }

        @Override
        public String scopeClaim() {
            return "scope";
        }

        @Override
        public Scopes scopes() {
            return new Scopes() {
                @Override
                public String bookingsWrite() {
                    return "bookings/write-renamed";
                }

                @Override
                public String supportRead() {
                    return "support/read-renamed";
                }
            };
        }
    };

    private static final SecurityIdentity APP_USER = CallerIdentities.of("customer-456", "customer").orElseThrow();
    private static final SecurityIdentity BOOKING_SYSTEM =
            CallerIdentities.system("booking-system", List.of("openid", "bookings/write-renamed")).orElseThrow();
    private static final SecurityIdentity ANONYMOUS = QuarkusSecurityIdentity.builder().setAnonymous(true).build();

    @Test
    void theSystemClientWithTheRoutesConfiguredScopeIsServed() {
        SystemClient client = new CurrentCaller(BOOKING_SYSTEM, CONFIG).system(SystemScope.BOOKINGS_WRITE);

        assertEquals(new SystemClient("booking-system", Set.of("openid", "bookings/write-renamed")), client);
    }

    @Test
    void aSystemClientWithoutTheRoutesScopeIsForbidden() {
        assertRefused(ErrorCode.FORBIDDEN, () -> new CurrentCaller(BOOKING_SYSTEM, CONFIG).system(SystemScope.SUPPORT_READ));
        SecurityIdentity defaultNames = CallerIdentities.system("booking-system", List.of("booking-chat/bookings.write"))
                .orElseThrow();
        assertRefused(ErrorCode.FORBIDDEN, () -> new CurrentCaller(defaultNames, CONFIG).system(SystemScope.BOOKINGS_WRITE));
    }

    @Test
    void anAppUserIsForbiddenOnSystemRoutesAndASystemClientOnAppRoutes() {
        assertRefused(ErrorCode.FORBIDDEN, () -> new CurrentCaller(APP_USER, CONFIG).system(SystemScope.BOOKINGS_WRITE));
        assertRefused(ErrorCode.FORBIDDEN, () -> new CurrentCaller(BOOKING_SYSTEM, CONFIG).get());
        assertEquals(new Caller("customer-456", UserType.CUSTOMER), new CurrentCaller(APP_USER, CONFIG).get());
    }

    @Test
    void nobodyIsUnauthenticatedOnBothKindsOfRoute() {
        assertRefused(ErrorCode.UNAUTHENTICATED, () -> new CurrentCaller(ANONYMOUS, CONFIG).get());
        assertRefused(ErrorCode.UNAUTHENTICATED, () -> new CurrentCaller(ANONYMOUS, CONFIG).system(SystemScope.SUPPORT_READ));
    }

    @Test
    void theScopeClaimIsReadInEachFormItArrivesIn() {
        assertEquals(List.of("a/x", "b/y"), ClaimsIdentityProvider.scopes(" a/x  b/y "));
        assertEquals(List.of("a/x", "b/y"), ClaimsIdentityProvider.scopes("[a/x b/y]"));
        assertEquals(List.of("a/x", "b/y"), ClaimsIdentityProvider.scopes(List.of("a/x", "b/y")));
        assertEquals(List.of(), ClaimsIdentityProvider.scopes(null));
        assertEquals(List.of(), ClaimsIdentityProvider.scopes(42));
    }

    private static void assertRefused(ErrorCode expected, Runnable call) {
        ServiceException refused = assertThrows(ServiceException.class, call::run);
        assertEquals(expected, refused.code());
    }
}
