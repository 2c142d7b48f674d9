package com.bookingchat.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static com.bookingchat.infra.SamTemplate.list;
import static com.bookingchat.infra.SamTemplate.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bookingchat.infra.ServedRoutes.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads infra/template.yaml as CloudFormation does (short tags included) and holds it to the code: every
 * route the code serves has exactly one function, every function route is served, only the Twilio webhook
 * skips the JWT authorizer, system routes require their scope at the authorizer too, internal routes are
 * reached only by the schedule, and each function gets the database and Twilio configuration it needs and
 * nothing it does not.
 */
class SamTemplateTest {

    private static final Path EVENTS = Path.of("infra", "events");
    private static final String ARTIFACT = "../target/function.zip";
    private static final String SCHEDULER_API_ID = "booking-chat-scheduler";
    private static final String DEPLOY_API_ID = "booking-chat-deploy";
    private static final Route WEBHOOK = Route.of("POST /twilio/webhook");
    /** The routes API Gateway lets through without the apps' JWT: their callers prove themselves otherwise. */
    private static final Set<String> WITHOUT_JWT = Set.of(WEBHOOK.shape(),
            Route.of("GET /notifications/unsubscribe").shape(), Route.of("POST /notifications/unsubscribe").shape());

    /** Routes another issue brings (the digest, issue 4): the template may route them before the code serves them. */
    private static final Set<String> NOT_YET_SERVED = Set.of("POST /internal/digest/runs");

    /**
     * DATABASE: serves from the database; MIGRATIONS: owns the schema (Flyway, and a second connection for its lock);
     * MAIL: sends the digest e-mails or checks their unsubscribe links (the mail secret).
     */
    private enum Need { DATABASE, TWILIO, MIGRATIONS, MAIL }

    /**
     * The system routes (for client-credentials callers), each with the application property naming the scope
     * it requires: the template's route must ask the authorizer for exactly that scope, and every other JWT
     * route for none, so an app user's token never gets through to a system route's function.
     */
    private static final Map<String, String> SYSTEM_ROUTES = Map.of(
            "PUT /bookings/{}/status", "booking-chat.identity.scopes.bookings-write",
            "GET /support/bookings/{}/conversations", "booking-chat.identity.scopes.support-read",
            "GET /support/conversations/{}/messages", "booking-chat.identity.scopes.support-read",
            "DELETE /users/{}/{}", "booking-chat.identity.scopes.bookings-write");

    /**
     * What each route's code path touches. A route missing here fails the test, so a new route cannot reach
     * the template without someone deciding which secrets its function may read.
     */
    private static final Map<String, Set<Need>> NEEDS = Map.ofEntries(
            Map.entry("POST /bookings/{}/conversations", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("POST /conversations/{}/messages", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("GET /conversations", EnumSet.of(Need.DATABASE)),
            Map.entry("GET /conversations/{}/messages", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("POST /conversations/{}/read", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("POST /tokens", EnumSet.of(Need.TWILIO)),
            Map.entry("POST /twilio/webhook", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("POST /internal/digest/runs", EnumSet.of(Need.DATABASE, Need.TWILIO, Need.MAIL)),
            Map.entry("POST /internal/deployment/migrations", EnumSet.of(Need.DATABASE, Need.MIGRATIONS)),
            // the push configuration of the Conversations service, beside the migrations on the migrate function
            Map.entry("POST /internal/deployment/push-configuration", EnumSet.of(Need.TWILIO)),
            Map.entry("PUT /bookings/{}/status", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("POST /internal/lifecycle/runs", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("GET /support/bookings/{}/conversations", EnumSet.of(Need.DATABASE)),
            Map.entry("GET /support/conversations/{}/messages", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("DELETE /users/{}/{}", EnumSet.of(Need.DATABASE, Need.TWILIO)),
            Map.entry("GET /me/notification-preferences", EnumSet.of(Need.DATABASE)),
            Map.entry("PUT /me/notification-preferences", EnumSet.of(Need.DATABASE)),
            // the unsubscribe link's signature is checked with the key in the mail secret
            Map.entry("GET /notifications/unsubscribe", EnumSet.of(Need.DATABASE, Need.MAIL)),
            Map.entry("POST /notifications/unsubscribe", EnumSet.of(Need.DATABASE, Need.MAIL)));

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> template;
    private static Map<String, Map<String, Object>> functions;
    private static Set<Route> served;

    /** A route as a function's event names it. */
    private record FunctionRoute(String function, String event, String type, Route route, Map<String, Object> properties) {
    }

    @BeforeAll
    static void readTemplateAndCode() {
        SamTemplate sam = SamTemplate.read();
        template = sam.raw();
        functions = sam.functions();
        served = ServedRoutes.scan();
    }

    @Test
    void everyServedRouteHasExactlyOneFunction() {
        assertFalse(served.isEmpty(), "no JAX-RS routes found under target/classes");
        List<FunctionRoute> routes = functionRoutes();
        for (Route route : served) {
            List<String> mappedBy = routes.stream()
                    .filter(r -> r.route().shape().equals(route.shape()))
                    .map(r -> r.function() + " (" + r.type() + ")")
                    .toList();
            assertEquals(1, mappedBy.size(), route + " must be reached by exactly one function event: " + mappedBy);
        }
    }

    @Test
    void everyFunctionRouteIsServedByTheCode() {
        Set<String> servedShapes = served.stream().map(Route::shape).collect(Collectors.toSet());
        for (FunctionRoute route : functionRoutes()) {
            assertTrue(servedShapes.contains(route.route().shape()) || NOT_YET_SERVED.contains(route.route().toString()),
                    route.function() + " routes " + route.route() + ", which no JAX-RS resource serves");
        }
    }

    @Test
    void everyRouteHasDeclaredNeeds() {
        Stream.concat(served.stream(), functionRoutes().stream().map(FunctionRoute::route))
                .forEach(route -> assertTrue(NEEDS.containsKey(route.shape()),
                        route + " is missing from NEEDS: decide whether its function uses the database and Twilio"));
    }

    @Test
    void theJwtAuthorizerIsTheDefaultAndOnlyTheTwilioWebhookAndTheUnsubscribeLinkSkipIt() {
        Map<String, Object> api = map(resources().get("HttpApi"));
        assertEquals("AWS::Serverless::HttpApi", api.get("Type"));
        Map<String, Object> auth = map(map(api.get("Properties")).get("Auth"));
        String authorizerName = (String) auth.get("DefaultAuthorizer");
        Map<String, Object> authorizer = map(map(auth.get("Authorizers")).get(authorizerName));
        assertEquals("$request.header.Authorization", authorizer.get("IdentitySource"));
        Map<String, Object> jwt = map(authorizer.get("JwtConfiguration"));
        assertEquals(ref("JwtIssuer"), jwt.get("issuer"));
        assertEquals(ref("JwtAudience"), jwt.get("audience"));

        for (FunctionRoute route : functionRoutes()) {
            if (!"HttpApi".equals(route.type())) {
                continue;
            }
            assertEquals(ref("HttpApi"), route.properties().get("ApiId"), route.event() + " must belong to the one HttpApi");
            Object routeAuth = route.properties().get("Auth");
            String scopeProperty = SYSTEM_ROUTES.get(route.route().shape());
            if (WITHOUT_JWT.contains(route.route().shape())) {
                assertEquals(Map.of("Authorizer", "NONE"), routeAuth, "Twilio or an e-mail client cannot present a JWT to "
                        + route.route());
            } else if (scopeProperty != null) {
                assertEquals(Map.of("AuthorizationScopes", List.of(applicationProperty(scopeProperty))), routeAuth,
                        route.route() + " must keep the default JWT authorizer and require the scope " + scopeProperty
                                + " names");
            } else {
                assertNull(routeAuth, route.route() + " must keep the default JWT authorizer");
            }
        }
    }

    @Test
    void internalRoutesAreReachedOnlyByTheScheduleOrTheDeployWithTheirMarkers() throws IOException {
        Set<Route> internal = new TreeSet<>();
        served.stream().filter(Route::internal).forEach(internal::add);
        NOT_YET_SERVED.stream().map(Route::of).filter(Route::internal).forEach(internal::add);
        List<FunctionRoute> routes = functionRoutes();
        for (Route route : internal) {
            assertTrue(routes.stream().noneMatch(r -> r.type().equals("HttpApi") && r.route().shape().equals(route.shape())),
                    route + " is internal: no HttpApi route may map it");
            List<FunctionRoute> callers = routes.stream()
                    .filter(r -> !r.type().equals("HttpApi") && r.route().shape().equals(route.shape()))
                    .toList();
            assertEquals(1, callers.size(), "exactly one schedule or deploy step must reach " + route);
            FunctionRoute caller = callers.get(0);
            boolean deploy = caller.type().equals(DEPLOY);
            JsonNode event = JSON.readTree((String) caller.properties().get(deploy ? "Event" : "Input"));
            assertEquals(deploy ? DEPLOY_API_ID : SCHEDULER_API_ID, event.path("requestContext").path("apiId").asText(),
                    "the application serves internal routes only for their caller's apiId");
            assertTrue(event.path("requestContext").path("authorizer").isMissingNode(),
                    "an authorizer in the event would look like API Gateway's");
        }
        assertTrue(routes.stream().filter(r -> !r.type().equals("HttpApi")).allMatch(r -> r.route().internal()),
                "schedules and deploy steps reach internal routes only");
    }

    @Test
    void everyScheduleHasAnEventFileThatIsItsInputVerbatim() throws IOException {
        Map<String, String> files = Map.of(
                "POST /internal/digest/runs", "digest-schedule.json",
                "POST /internal/lifecycle/runs", "lifecycle-schedule.json");
        List<FunctionRoute> schedules = functionRoutes().stream().filter(r -> r.type().startsWith("Schedule")).toList();
        assertFalse(schedules.isEmpty(), "the template has no schedule");
        for (FunctionRoute schedule : schedules) {
            String file = files.get(schedule.route().toString());
            assertNotNull(file, schedule.route() + " has no event file named here");
            assertEquals(JSON.readTree((String) schedule.properties().get("Input")), JSON.readTree(EVENTS.resolve(file).toFile()),
                    file + " must be the schedule's Input verbatim");
        }
    }

    @Test
    void theMigrationsRunBeforeEveryFunctionThatUsesTheDatabaseIsUpdated() throws IOException {
        Map<String, Object> step = SamTemplate.read().deploySteps().get("Migrations");
        assertNotNull(step, "the template must run the migrations at deploy");
        assertEquals(Map.of("Ref", "MigrateFunction.Version"), step.get("Function"),
                "the step must run the new version's migrations, the ones the new code expects");
        assertEquals(JSON.readTree((String) step.get("Event")), JSON.readTree(EVENTS.resolve("migrate.json").toFile()));
        Map<String, Object> runner = map(map(resources().get("MigrationsRunner")).get("Properties"));
        assertEquals(Map.of("Fn::GetAtt", List.of("MigrationsRunner", "Arn")), step.get("ServiceToken"));
        assertEquals(List.of(Map.of("LambdaInvokePolicy", Map.of("FunctionName", ref("MigrateFunction")))), runner.get("Policies"),
                "the runner may invoke the migrate function and nothing else");
        assertNull(runner.get("VpcConfig"), "the runner answers CloudFormation through S3 from outside the VPC");
        functions.forEach((id, function) -> {
            Object dependsOn = map(resources().get(id)).get("DependsOn");
            boolean servesFromDatabase = needs(id).contains(Need.DATABASE) && !needs(id).contains(Need.MIGRATIONS);
            assertEquals(servesFromDatabase, "Migrations".equals(dependsOn) || list(dependsOn).contains("Migrations"),
                    id + (servesFromDatabase ? " must be updated after the migrations ran" : " does not wait for the migrations"));
        });
    }

    @Test
    void everyFunctionNamesWhatItServesSoItChecksOnlyThoseSettings() {
        Set<String> roles = new TreeSet<>();
        functions.forEach((id, function) -> {
            Object role = environment(function).get("BOOKING_CHAT_FUNCTION");
            assertTrue(role instanceof String, id + " must set BOOKING_CHAT_FUNCTION");
            assertTrue(roles.add((String) role), role + " is named twice");
        });
    }

    @Test
    void onlyFunctionsThatCallTwilioCanReadTheTwilioSecret() {
        functions.forEach((id, function) -> {
            Map<String, Object> env = environment(function);
            if (needs(id).contains(Need.TWILIO)) {
                assertEquals(ref("TwilioSecretArn"), env.get("BOOKING_CHAT_SECRETS_TWILIO_ARN"), id);
                assertTrue(readsSecret(function, "TwilioSecretArn"), id + " must be allowed to read the Twilio secret");
            } else {
                assertFalse(env.containsKey("BOOKING_CHAT_SECRETS_TWILIO_ARN"), id + " never calls Twilio");
                assertFalse(mentions(function.get("Policies"), ref("TwilioSecretArn")), id + " never calls Twilio");
            }
            assertFalse(mentions(function.get("Policies"), "*"), id + " must name the secrets it reads, not *");
        });
    }

    @Test
    void onlyFunctionsThatSendOrCheckTheDigestEmailsCanReadTheMailSecret() {
        functions.forEach((id, function) -> {
            Map<String, Object> env = environment(function);
            if (needs(id).contains(Need.MAIL)) {
                assertEquals(ref("MailSecretArn"), env.get("BOOKING_CHAT_SECRETS_MAIL_ARN"), id);
                assertTrue(readsSecret(function, "MailSecretArn"), id + " must be allowed to read the mail secret");
            } else {
                assertFalse(env.containsKey("BOOKING_CHAT_SECRETS_MAIL_ARN"), id + " never sends or checks e-mails");
                assertFalse(mentions(function.get("Policies"), ref("MailSecretArn")), id + " never sends or checks e-mails");
            }
        });
    }

    @Test
    void functionsThatUseTheDatabaseGetItsEndpointSecretOneConnectionAndTheVpc() {
        functions.forEach((id, function) -> {
            Map<String, Object> env = environment(function);
            if (needs(id).contains(Need.DATABASE)) {
                String url = (String) map(env.get("QUARKUS_DATASOURCE_JDBC_URL")).get("Fn::Sub");
                assertNotNull(url, id + " needs QUARKUS_DATASOURCE_JDBC_URL built with !Sub");
                assertTrue(url.startsWith("jdbc:postgresql://${DatabaseEndpoint}:${DatabasePort}/${DatabaseName}"), url);
                boolean migrations = needs(id).contains(Need.MIGRATIONS);
                assertEquals(migrations ? "2" : "1", env.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"),
                        id + (migrations ? ": Flyway's lock and its migrations" : ": one connection per instance"));
                assertEquals(migrations ? "true" : null, env.get("QUARKUS_FLYWAY_ACTIVE"), id + ": only the migrate function runs Flyway");
                assertNotNull(env.get("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT"), id + ": a short acquisition timeout");
                assertEquals(ref("DatabaseSecretArn"), env.get("BOOKING_CHAT_SECRETS_DATABASE_ARN"), id);
                assertTrue(readsSecret(function, "DatabaseSecretArn"), id + " must be allowed to read the database secret");
                assertEquals(Map.of("SubnetIds", ref("SubnetIds"), "SecurityGroupIds", ref("SecurityGroupIds")),
                        function.get("VpcConfig"), id + " must run in the database's VPC");
            } else {
                assertFalse(env.containsKey("BOOKING_CHAT_SECRETS_DATABASE_ARN"), id + " never uses the database");
                assertFalse(mentions(function.get("Policies"), ref("DatabaseSecretArn")), id + " never uses the database");
                assertNull(function.get("VpcConfig"), id + " needs no VPC without the database");
                assertEquals("false", env.get("QUARKUS_DATASOURCE_ACTIVE"), id + " must start without a datasource");
                assertEquals("false", env.get("QUARKUS_HIBERNATE_ORM_ACTIVE"), id + " must start without Hibernate ORM");
            }
        });
    }

    @Test
    void everyFunctionThatReadsASecretCarriesTheSecretsExtension() {
        functions.forEach((id, function) -> {
            if (!needs(id).isEmpty()) {
                assertTrue(list(function.get("Layers")).contains(ref("SecretsExtensionLayerArn")), id);
            }
        });
    }

    @Test
    void noCredentialIsAPlainEnvironmentValue() {
        Set<String> credentials = Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_ACCESS_TOKEN_API_KEY_SID", "TWILIO_ACCESS_TOKEN_API_KEY_SECRET");
        functions.forEach((id, function) -> environment(function).keySet().forEach(name -> {
            assertFalse(credentials.contains(name), id + " sets " + name + "; credentials come from Secrets Manager");
            assertFalse(name.matches(".*(PASSWORD|SECRET|AUTH_TOKEN|API_KEY).*") && !name.endsWith("_ARN"),
                    id + " sets " + name + ", which looks like a credential");
        }));
    }

    @Test
    void oneTemplateDeploysTheJvmOrTheNativeBuildOfTheOneArtifact() {
        Map<String, Object> conditions = map(template.get("Conditions"));
        assertEquals(Map.of("Fn::Equals", List.of(ref("Build"), "native")), conditions.get("IsNative"));
        assertEquals(List.of("jvm", "native"), map(parameters().get("Build")).get("AllowedValues"));
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        assertEquals(ifNative("provided.al2023", "java21"), globals.get("Runtime"));
        assertEquals(ifNative("not.used.in.provided.runtime", "com.bookingchat.invocation.PrimingStreamHandler::handleRequest"),
                globals.get("Handler"));
        Map<String, Object> snapStart = map(map(globals.get("SnapStart")).get("ApplyOn"));
        List<Object> applyOn = list(snapStart.get("Fn::If"));
        assertEquals(List.of("PublishedVersions", "None"), applyOn.subList(1, 3));
        String useSnapStart = (String) applyOn.get(0);
        assertTrue(mentions(conditions.get(useSnapStart), Map.of("Fn::Not", List.of(Map.of("Condition", "IsNative")))),
                "SnapStart exists for the java21 runtime only");
        assertNotNull(globals.get("AutoPublishAlias"), "SnapStart applies to published versions, invoked through an alias");
        Map<String, Object> env = map(map(globals.get("Environment")).get("Variables"));
        assertEquals(ifNative(ref("AWS::NoValue"), "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"), env.get("JAVA_TOOL_OPTIONS"));
        assertEquals(ifNative("true", ref("AWS::NoValue")), env.get("DISABLE_SIGNAL_HANDLERS"));
        functions.forEach((id, function) -> {
            assertEquals(ARTIFACT, function.get("CodeUri"), id + " must deploy the one artifact");
            Map<String, Object> own = map(map(resources().get(id)).get("Properties"));
            assertFalse(own.containsKey("Runtime") || own.containsKey("Handler"), id + " must take the build's runtime");
        });
    }

    @Test
    void withSnapStartEveryApiFunctionPrimesWithARequestOfItsOwnRoute() {
        Map<String, List<Route>> apiRoutes = new TreeMap<>();
        functionRoutes().stream().filter(r -> r.type().equals("HttpApi"))
                .forEach(r -> apiRoutes.computeIfAbsent(r.function(), k -> new ArrayList<>()).add(r.route()));
        apiRoutes.forEach((id, routes) -> {
            List<Object> choice = list(map(environment(functions.get(id)).get("BOOKING_CHAT_PRIMING_REQUEST")).get("Fn::If"));
            assertEquals(List.of("UseSnapStart"), choice.subList(0, 1), id + " primes only for a snapshot");
            assertEquals(ref("AWS::NoValue"), choice.get(2));
            Route primed = Route.of((String) choice.get(1));
            assertTrue(routes.stream().anyMatch(route -> route.method().equals(primed.method())
                    && primed.path().matches(route.path().replaceAll("\\{[^}]*}", "[^/]+"))),
                    id + " primes with " + primed + ", not one of its routes " + routes);
        });
    }

    @Test
    void everyFunctionLogsToItsOwnGroupWithTheChosenRetention() {
        Set<String> groups = new TreeSet<>();
        functions.forEach((id, function) -> {
            String groupId = (String) map(map(function.get("LoggingConfig")).get("LogGroup")).get("Ref");
            assertNotNull(groupId, id + " must log to a log group of this stack");
            assertTrue(groups.add(groupId), groupId + " is shared");
            Map<String, Object> group = map(resources().get(groupId));
            assertEquals("AWS::Logs::LogGroup", group.get("Type"));
            Map<String, Object> properties = map(group.get("Properties"));
            String functionName = (String) map(function.get("FunctionName")).get("Fn::Sub");
            assertEquals(Map.of("Fn::Sub", "/aws/lambda/" + functionName), properties.get("LogGroupName"));
            assertEquals(ref("LogRetentionDays"), properties.get("RetentionInDays"));
        });
    }

    @Test
    void everyRouteHasOneEventFileAndEveryEventFileHasARoute() throws IOException {
        Map<String, List<String>> filesByRoute = new TreeMap<>();
        try (Stream<Path> files = Files.list(EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                assertEquals("2.0", event.path("version").asText(), file + " must be an HTTP API v2 event");
                Route route = Route.of(event.path("routeKey").asText());
                filesByRoute.computeIfAbsent(route.shape(), k -> new ArrayList<>()).add(file.getFileName().toString());
                JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
                if (route.internal() || WITHOUT_JWT.contains(route.shape())) {
                    assertTrue(claims.isMissingNode(), file + " must carry no JWT claims");
                } else if (SYSTEM_ROUTES.containsKey(route.shape())) {
                    assertTrue(claims.hasNonNull("client_id") && claims.hasNonNull("scope") && !claims.has("user_type"),
                            file + " must carry a client-credentials token's claims");
                } else {
                    assertTrue(claims.hasNonNull("sub") && claims.hasNonNull("user_type"), file + " must carry JWT claims");
                }
            }
        }
        Set<String> templateRoutes = functionRoutes().stream().map(r -> r.route().shape()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(templateRoutes, filesByRoute.keySet(), "infra/events must hold one event per routed path");
        filesByRoute.forEach((route, files) -> assertEquals(1, files.size(), route + " has several events: " + files));
    }

    @Test
    void theDeployGuideParametersExistAndTheApiUrlIsAnOutput() {
        assertTrue(parameters().keySet().containsAll(List.of("Stage", "JwtIssuer", "JwtAudience", "DatabaseEndpoint",
                "DatabaseName", "DatabaseSecretArn", "TwilioSecretArn", "DigestSchedule", "SubnetIds", "SecurityGroupIds",
                "Build", "SnapStart", "LogRetentionDays", "SecretsExtensionLayerArn", "ConversationsServiceSid",
                "PublicBaseUrl", "MailSecretArn", "SmtpHost", "DigestEmailFrom", "PushCredentialIos",
                "PushCredentialAndroid", "PushCredentialWeb")), parameters().keySet().toString());
        Map<String, Object> apiUrl = map(map(template.get("Outputs")).get("ApiUrl"));
        assertEquals(Map.of("Fn::Sub", "https://${HttpApi}.execute-api.${AWS::Region}.amazonaws.com"), apiUrl.get("Value"));
    }

    // ---- reading the template -------------------------------------------------------------------------

    private static final String DEPLOY = "Deploy";

    private static List<FunctionRoute> functionRoutes() {
        List<FunctionRoute> routes = new ArrayList<>();
        SamTemplate.read().deploySteps().forEach((id, step) -> routes.add(new FunctionRoute(SamTemplate.deployStepFunction(step),
                id, DEPLOY, Route.of(scheduledRouteKey((String) step.get("Event"))), step)));
        functions.forEach((id, function) -> map(function.get("Events")).forEach((eventId, value) -> {
            Map<String, Object> event = map(value);
            String type = (String) event.get("Type");
            Map<String, Object> properties = map(event.get("Properties"));
            switch (type) {
                case "HttpApi" -> routes.add(new FunctionRoute(id, eventId, type,
                        new Route((String) properties.get("Method"), (String) properties.get("Path")), properties));
                case "Schedule", "ScheduleV2" -> routes.add(new FunctionRoute(id, eventId, type,
                        Route.of(scheduledRouteKey((String) properties.get("Input"))), properties));
                default -> fail(id + "." + eventId + " has event type " + type + ", which this test does not know");
            }
        }));
        return routes;
    }

    private static String scheduledRouteKey(String input) {
        try {
            JsonNode event = JSON.readTree(input);
            return event.path("requestContext").path("http").path("method").asText() + " " + event.path("rawPath").asText();
        } catch (IOException e) {
            throw new AssertionError("a schedule's Input must be an HTTP API v2 event as JSON", e);
        }
    }

    private static Set<Need> needs(String function) {
        Set<Need> needs = EnumSet.noneOf(Need.class);
        functionRoutes().stream()
                .filter(r -> r.function().equals(function))
                .forEach(r -> needs.addAll(NEEDS.getOrDefault(r.route().shape(), Set.of())));
        return needs;
    }

    private static boolean readsSecret(Map<String, Object> function, String parameter) {
        return list(function.get("Policies")).contains(
                Map.of("AWSSecretsManagerGetSecretValuePolicy", Map.of("SecretArn", ref(parameter))));
    }

    private static Map<String, Object> environment(Map<String, Object> function) {
        return SamTemplate.variables(function);
    }

    private static String applicationProperty(String name) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Objects.requireNonNull(properties.getProperty(name), name + " is not in application.properties");
    }

    private static Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    private static Map<String, Object> parameters() {
        return map(template.get("Parameters"));
    }

    /** Whether {@code needle} occurs anywhere in {@code haystack}. */
    private static boolean mentions(Object haystack, Object needle) {
        if (needle.equals(haystack)) {
            return true;
        }
        if (haystack instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(v -> mentions(v, needle));
        }
        if (haystack instanceof List<?> l) {
            return l.stream().anyMatch(v -> mentions(v, needle));
        }
        return false;
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    private static Map<String, Object> ifNative(Object nativeValue, Object jvmValue) {
        return Map.of("Fn::If", List.of("IsNative", nativeValue, jvmValue));
    }
}
