package com.bookingchat.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.bookingchat.infra.SamTemplate.list;
import static com.bookingchat.infra.SamTemplate.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bookingchat.observability.Metric;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Holds the template's operations to the code: every alarm watches a metric the code publishes (under the
 * dimensions the code gives it) or an AWS metric of a function or API this stack has, every function is watched,
 * the alarms notify the optional topic, and the functions log JSON under the configured namespace.
 */
class OperationsTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The dimension values the code gives, per metric and dimension, where an alarm or the dashboard names one. */
    private static final Map<String, Set<String>> EMITTED_VALUES = Map.of(
            "TwilioCalls.Outcome", Set.of("ok", "rejected", "unavailable"),
            "MessagesRecorded.Source", Set.of("send", "webhook", "reconciliation"),
            "DigestRuns.Outcome", Set.of("completed", "stopped_early", "failed"),
            "DigestRecipients.Outcome", Set.of("notified", "recorded", "failed", "refused", "muted", "deferred"),
            "DigestRecipients.Channel", Set.of("sms", "email"));

    private static SamTemplate sam;
    private static Map<String, Object> resources;

    /** One metric an alarm watches. */
    private record Watched(String alarm, Object namespace, String metricName, Map<String, Object> dimensions) {
    }

    @BeforeAll
    static void read() {
        sam = SamTemplate.read();
        resources = map(sam.raw().get("Resources"));
    }

    @Test
    void everyAlarmWatchesAMetricTheCodePublishesOrAResourceOfThisStack() {
        List<Watched> watched = watched();
        assertFalse(watched.isEmpty(), "the template has no alarms");
        for (Watched w : watched) {
            if (w.namespace().equals(Map.of("Ref", "MetricsNamespace"))) {
                Metric metric = metricNamed(w.metricName()).orElseThrow(() -> new AssertionError(
                        w.alarm() + " watches " + w.metricName() + ", which the code never publishes"));
                assertTrue(metric.dimensionSets().contains(List.copyOf(w.dimensions().keySet())),
                        w.alarm() + " watches " + w.metricName() + " by " + w.dimensions().keySet()
                                + ", a dimension set the code does not publish: " + metric.dimensionSets());
                w.dimensions().forEach((name, value) -> {
                    Set<String> emitted = EMITTED_VALUES.get(w.metricName() + "." + name);
                    assertNotNull(emitted, "no known values for " + w.metricName() + "." + name);
                    assertTrue(emitted.contains(value), w.alarm() + ": " + w.metricName() + " is never published with "
                            + name + "=" + value);
                });
            } else if ("AWS/Lambda".equals(w.namespace())) {
                Object function = map(w.dimensions().get("FunctionName")).get("Ref");
                assertTrue(sam.functions().containsKey(function), w.alarm() + " watches " + function + ", not a function of this stack");
            } else if ("AWS/ApiGateway".equals(w.namespace())) {
                assertEquals(Map.of("ApiId", Map.of("Ref", "HttpApi")), w.dimensions(), w.alarm() + " must watch this stack's API");
            } else {
                throw new AssertionError(w.alarm() + " watches namespace " + w.namespace() + ", which this test does not know");
            }
        }
    }

    @Test
    void everyFunctionIsWatchedForErrorsAndThrottles() {
        Set<String> watchedErrors = new TreeSet<>();
        Set<String> watchedThrottles = new TreeSet<>();
        for (Watched w : watched()) {
            if ("AWS/Lambda".equals(w.namespace())) {
                String function = (String) map(w.dimensions().get("FunctionName")).get("Ref");
                (w.metricName().equals("Errors") ? watchedErrors : watchedThrottles).add(function);
            }
        }
        assertEquals(sam.functions().keySet(), watchedErrors);
        assertEquals(sam.functions().keySet(), watchedThrottles);
    }

    @Test
    void theOperationsTheIssueNamesHaveTheirAlarms() {
        Set<String> watched = watched().stream().map(w -> w.namespace() + " " + w.metricName() + " " + w.dimensions())
                .collect(Collectors.toSet());
        assertTrue(watched.contains("AWS/ApiGateway 5xx {ApiId={Ref=HttpApi}}"), watched.toString());
        assertTrue(watched.contains("{Ref=MetricsNamespace} TwilioCalls {Outcome=unavailable}"), watched.toString());
        assertTrue(watched.contains("{Ref=MetricsNamespace} DigestRuns {Outcome=failed}"), watched.toString());
        assertTrue(watched.contains("{Ref=MetricsNamespace} DigestRuns {Outcome=stopped_early}"), watched.toString());
        assertTrue(watched.contains("{Ref=MetricsNamespace} MessagesRecorded {Source=reconciliation}"), watched.toString());
    }

    @Test
    void everyAlarmNotifiesTheOptionalTopicWhenItFiresAndWhenItRecovers() {
        Object topic = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")), Map.of("Ref", "AWS::NoValue")));
        alarms().forEach((id, properties) -> {
            assertEquals(topic, properties.get("AlarmActions"), id);
            assertEquals(topic, properties.get("OKActions"), id);
            assertTrue(String.valueOf(properties.get("AlarmDescription")).contains("README \"Operating\""),
                    id + " must point on-call to what to do");
            assertEquals("notBreaching", properties.get("TreatMissingData"), id + ": no traffic is no alarm");
        });
    }

    @Test
    void theDashboardGraphsOnlyMetricsThatExist() throws Exception {
        Map<String, Object> dashboard = map(map(resources.get("Dashboard")).get("Properties"));
        String body = (String) map(dashboard.get("DashboardBody")).get("Fn::Sub");
        Matcher variable = Pattern.compile("\\$\\{([^}]+)}").matcher(body);
        while (variable.find()) {
            String name = variable.group(1);
            assertTrue(name.startsWith("AWS::") || map(sam.raw().get("Parameters")).containsKey(name) || resources.containsKey(name),
                    "the dashboard substitutes ${" + name + "}, which the template does not define");
        }
        JsonNode widgets = JSON.readTree(body.replaceAll("\\$\\{[^}]+}", "x")).path("widgets");
        assertTrue(widgets.size() >= 6, "the dashboard has " + widgets.size() + " graphs");
        Set<String> published = Arrays.stream(Metric.values()).map(Metric::metricName).collect(Collectors.toSet());
        for (JsonNode widget : widgets) {
            for (JsonNode line : widget.path("properties").path("metrics")) {
                String text = line.toString();
                Matcher named = Pattern.compile("MetricName=\\\\\"(\\w+)\\\\\"").matcher(text);
                while (named.find()) {
                    assertTrue(published.contains(named.group(1)), "the dashboard searches " + named.group(1));
                }
                if (line.get(0).isTextual() && line.get(0).asText().equals("x")) {
                    assertTrue(published.contains(line.get(1).asText()), "the dashboard graphs " + line.get(1));
                }
            }
        }
    }

    @Test
    void everyFunctionLogsJsonAndPublishesUnderTheConfiguredNamespaceWithOptionalTracing() {
        Map<String, Object> globals = map(map(sam.raw().get("Globals")).get("Function"));
        assertEquals(Map.of("Ref", "Tracing"), globals.get("Tracing"));
        assertEquals(List.of("Active", "PassThrough"), map(map(sam.raw().get("Parameters")).get("Tracing")).get("AllowedValues"));
        assertEquals(Map.of("Ref", "MetricsNamespace"),
                map(map(globals.get("Environment")).get("Variables")).get("BOOKING_CHAT_OBSERVABILITY_METRICS_NAMESPACE"));
        resources.forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                assertEquals("JSON", map(map(map(resource).get("Properties")).get("LoggingConfig")).get("LogFormat"), id);
            }
        });
    }

    @Test
    void onlyTheFunctionsThatServeAppUsersReadTheUserDigestKey() {
        Set<String> appUserFunctions = EnumSet.allOf(Role.class).stream()
                .map(Role::name).map(String::toLowerCase).collect(Collectors.toSet());
        sam.functions().forEach((id, function) -> {
            Map<String, Object> env = SamTemplate.variables(function);
            boolean appUsers = appUserFunctions.contains(env.get("BOOKING_CHAT_FUNCTION"));
            Object secret = Map.of("Ref", "LogDigestKeySecret");
            assertEquals(appUsers ? secret : null, env.get("BOOKING_CHAT_SECRETS_OBSERVABILITY_ARN"), id);
            assertEquals(appUsers, list(function.get("Policies")).contains(
                    Map.of("AWSSecretsManagerGetSecretValuePolicy", Map.of("SecretArn", secret))), id);
        });
        Map<String, Object> generated = map(map(map(resources.get("LogDigestKeySecret")).get("Properties")).get("GenerateSecretString"));
        assertEquals("userDigestKey", generated.get("GenerateStringKey"), "the secret's key becomes booking-chat.observability.user-digest-key");
    }

    /** The functions that serve app users, as BOOKING_CHAT_FUNCTION names them. */
    private enum Role { CREATE, SEND, LIST, READ, TOKEN, PREFERENCES }

    private static Map<String, Map<String, Object>> alarms() {
        Map<String, Map<String, Object>> alarms = new java.util.TreeMap<>();
        resources.forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(map(resource).get("Type"))) {
                alarms.put(id, map(map(resource).get("Properties")));
            }
        });
        return alarms;
    }

    private static List<Watched> watched() {
        List<Watched> watched = new ArrayList<>();
        alarms().forEach((id, properties) -> {
            if (properties.containsKey("MetricName")) {
                watched.add(new Watched(id, properties.get("Namespace"), (String) properties.get("MetricName"),
                        dimensions(properties.get("Dimensions"))));
            }
            for (Object query : list(properties.get("Metrics"))) {
                Map<String, Object> stat = map(map(query).get("MetricStat"));
                if (!stat.isEmpty()) {
                    Map<String, Object> metric = map(stat.get("Metric"));
                    watched.add(new Watched(id, metric.get("Namespace"), (String) metric.get("MetricName"),
                            dimensions(metric.get("Dimensions"))));
                }
            }
        });
        return watched;
    }

    private static Map<String, Object> dimensions(Object dimensions) {
        Map<String, Object> byName = new java.util.LinkedHashMap<>();
        for (Object dimension : list(dimensions)) {
            byName.put((String) map(dimension).get("Name"), map(dimension).get("Value"));
        }
        return byName;
    }

    private static java.util.Optional<Metric> metricNamed(String name) {
        return Arrays.stream(Metric.values()).filter(m -> m.metricName().equals(name)).findFirst();
    }
}
