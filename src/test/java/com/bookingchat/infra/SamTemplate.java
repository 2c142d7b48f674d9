package com.bookingchat.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * infra/template.yaml read as CloudFormation reads it (short intrinsic tags as their long forms), with each
 * function's properties as SAM sees them (Globals.Function merged under its own) and, for tests that run a
 * function, its environment resolved for a set of parameter values as CloudFormation would resolve it.
 */
public final class SamTemplate {

    /** The template, from the project root. */
    public static final Path PATH = Path.of("infra", "template.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";
    private static final String POOL_PREFIX = "QUARKUS_DATASOURCE_JDBC_";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");
    /** Stands for AWS::NoValue while resolving: the property is left out. */
    private static final Object NO_VALUE = new Object();

    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    /** Reads infra/template.yaml. */
    public static SamTemplate read() {
        try (Reader reader = Files.newBufferedReader(PATH)) {
            return new SamTemplate(new Yaml(new CloudFormationConstructor()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole template as maps and lists, intrinsics in their long forms. */
    public Map<String, Object> raw() {
        return template;
    }

    /**
     * Every AWS::Serverless::Function that deploys the artifact, by logical id, with Globals.Function merged in;
     * the deploy's small relay functions (inline code of another runtime) are not among them.
     */
    public Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new TreeMap<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))
                    && !map(map(resource).get("Properties")).containsKey("InlineCode")) {
                functions.put(id, withGlobals(map(map(resource).get("Properties"))));
            }
        });
        return functions;
    }

    /** A function's properties, Globals.Function merged in; fails for an unknown id. */
    public Map<String, Object> function(String logicalId) {
        Map<String, Object> function = functions().get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("infra/template.yaml has no function " + logicalId);
        }
        return function;
    }

    /** A function's Environment.Variables as written, intrinsics unresolved. */
    public static Map<String, Object> variables(Map<String, Object> function) {
        return map(map(function.get("Environment")).get("Variables"));
    }

    /**
     * The connection pool settings every function that serves requests from the database is deployed with, as
     * environment variables: each {@code QUARKUS_DATASOURCE_JDBC_*} but the URL. The functions must agree, since
     * one artifact serves them all; the migrate function alone differs (Flyway needs a second connection).
     */
    public Map<String, String> databasePool() {
        Map<String, String> pool = null;
        for (var function : functions().entrySet()) {
            Map<String, Object> env = variables(function.getValue());
            if (!env.containsKey(JDBC_URL) || isMigrateFunction(env)) {
                continue;
            }
            Map<String, String> own = new TreeMap<>();
            env.forEach((name, value) -> {
                if (name.startsWith(POOL_PREFIX) && !name.equals(JDBC_URL)) {
                    own.put(name, String.valueOf(value));
                }
            });
            if (pool != null && !pool.equals(own)) {
                throw new IllegalStateException(function.getKey() + " has other pool settings than the other functions: "
                        + own + " against " + pool);
            }
            pool = own;
        }
        if (pool == null) {
            throw new IllegalStateException("no function of " + PATH + " uses the database");
        }
        return pool;
    }

    /** Whether these are the variables of the function that applies the migrations. */
    public static boolean isMigrateFunction(Map<String, Object> variables) {
        return "migrate".equals(variables.get("BOOKING_CHAT_FUNCTION"));
    }

    /**
     * The custom resources that invoke a function of the artifact at deploy time, by logical id: each names the
     * function ({@code Function}, a reference to one of its versions) and the HTTP-shaped {@code Event} it sends.
     */
    public Map<String, Map<String, Object>> deploySteps() {
        Map<String, Map<String, Object>> steps = new TreeMap<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if (String.valueOf(map(resource).get("Type")).startsWith("Custom::")) {
                steps.put(id, map(map(resource).get("Properties")));
            }
        });
        return steps;
    }

    /** The logical id of the function a deploy step invokes ({@code !Ref MigrateFunction.Version} names MigrateFunction). */
    public static String deployStepFunction(Map<String, Object> step) {
        return String.valueOf(map(step.get("Function")).get("Ref")).replaceFirst("\\.(Version|Alias)$", "");
    }

    /**
     * The query the functions' JDBC URL ends with (the driver's connect and socket timeouts), without the
     * {@code ?}: the template builds the URL with {@code !Sub} around the stack's endpoint.
     */
    public String jdbcUrlOptions() {
        for (Map<String, Object> function : functions().values()) {
            Object url = variables(function).get(JDBC_URL);
            if (url instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String text && text.contains("?")) {
                return text.substring(text.indexOf('?') + 1);
            }
        }
        throw new IllegalStateException("no function of " + PATH + " sets " + JDBC_URL + " with options");
    }

    /**
     * {@link #databasePool()} as configuration properties: {@code QUARKUS_DATASOURCE_JDBC_MAX_SIZE} is
     * {@code quarkus.datasource.jdbc.max-size}. Every pool setting is one kebab-case name after {@code jdbc.},
     * which is what makes the environment variable's name reversible here.
     */
    public Map<String, String> databasePoolProperties() {
        Map<String, String> properties = new TreeMap<>();
        databasePool().forEach((name, value) -> properties.put(
                "quarkus.datasource.jdbc." + name.substring(POOL_PREFIX.length()).toLowerCase().replace('_', '-'), value));
        return properties;
    }

    /**
     * The environment CloudFormation gives the function for these parameter values (the template's defaults
     * fill the rest), with variables that resolve to AWS::NoValue left out.
     */
    public Map<String, String> environment(String logicalId, Map<String, String> parameters) {
        Map<String, String> environment = new TreeMap<>();
        variables(function(logicalId)).forEach((name, value) -> {
            Object resolved = resolve(value, parameters);
            if (resolved != NO_VALUE) {
                environment.put(name, String.valueOf(resolved));
            }
        });
        return environment;
    }

    /** A property of the function resolved for these parameter values, empty when it resolves to AWS::NoValue. */
    public Optional<Object> property(String logicalId, String property, Map<String, String> parameters) {
        Object resolved = resolve(function(logicalId).get(property), parameters);
        return resolved == NO_VALUE || resolved == null ? Optional.empty() : Optional.of(resolved);
    }

    /**
     * The function whose events route this request, as API Gateway or the schedule would: HttpApi events by
     * method and path template, schedules by the HTTP-shaped event they deliver.
     */
    public Optional<String> functionFor(String method, String path) {
        return routeFor(method, path).map(route -> route.function);
    }

    /**
     * The route key API Gateway would put in this request's event ({@code POST /conversations/{conversationSid}/read}:
     * the route's template, never the path), for HttpApi routes; the event's own for schedules and deploy steps.
     */
    public Optional<String> routeKeyFor(String method, String path) {
        return routeFor(method, path).map(route -> route.routeKey);
    }

    private record Routed(String function, String routeKey) {
    }

    private Optional<Routed> routeFor(String method, String path) {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            for (Object event : map(function.getValue().get("Events")).values()) {
                Map<String, Object> properties = map(map(event).get("Properties"));
                String eventMethod;
                String eventPath;
                if (properties.containsKey("Input")) {
                    JsonNode input = readJson((String) properties.get("Input"));
                    eventMethod = input.path("requestContext").path("http").path("method").asText();
                    eventPath = input.path("rawPath").asText();
                } else {
                    eventMethod = (String) properties.get("Method");
                    eventPath = (String) properties.get("Path");
                }
                if (eventMethod.equalsIgnoreCase(method) && path.matches(eventPath.replaceAll("\\{[^}]+}", "[^/]+"))) {
                    return Optional.of(new Routed(function.getKey(), eventMethod.toUpperCase() + " " + eventPath));
                }
            }
        }
        for (Map<String, Object> step : deploySteps().values()) {
            JsonNode event = readJson((String) step.get("Event"));
            if (event.path("requestContext").path("http").path("method").asText().equalsIgnoreCase(method)
                    && event.path("rawPath").asText().equals(path)) {
                return Optional.of(new Routed(deployStepFunction(step), method.toUpperCase() + " " + path));
            }
        }
        return Optional.empty();
    }

    private Object resolve(Object value, Map<String, String> parameters) {
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            String key = (String) intrinsic.keySet().iterator().next();
            Object argument = intrinsic.values().iterator().next();
            switch (key) {
                case "Ref" -> {
                    return ref((String) argument, parameters);
                }
                case "Fn::Sub" -> {
                    return sub(argument, parameters);
                }
                case "Fn::If" -> {
                    List<Object> branches = list(argument);
                    return resolve(condition((String) branches.get(0), parameters) ? branches.get(1) : branches.get(2),
                            parameters);
                }
                default -> {
                    // not an intrinsic: an ordinary one-key map
                }
            }
        }
        return value;
    }

    private Object ref(String name, Map<String, String> parameters) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object fallback = map(map(template.get("Parameters")).get(name)).get("Default");
        if (fallback == null) {
            throw new IllegalArgumentException("parameter " + name + " has no default: give it a value");
        }
        return String.valueOf(fallback);
    }

    private Object sub(Object argument, Map<String, String> parameters) {
        String text = argument instanceof List<?> withVariables ? (String) withVariables.get(0) : (String) argument;
        Matcher variable = SUB_VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(resolved, Matcher.quoteReplacement(String.valueOf(ref(variable.group(1), parameters))));
        }
        return variable.appendTail(resolved).toString();
    }

    private boolean condition(String name, Map<String, String> parameters) {
        Object definition = map(template.get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return evaluate(definition, parameters);
    }

    private boolean evaluate(Object definition, Map<String, String> parameters) {
        Map<String, Object> function = map(definition);
        String key = function.keySet().iterator().next();
        Object argument = function.get(key);
        return switch (key) {
            case "Condition" -> condition((String) argument, parameters);
            case "Fn::Equals" -> String.valueOf(resolve(list(argument).get(0), parameters))
                    .equals(String.valueOf(resolve(list(argument).get(1), parameters)));
            case "Fn::Not" -> !evaluate(list(argument).get(0), parameters);
            case "Fn::And" -> list(argument).stream().allMatch(c -> evaluate(c, parameters));
            case "Fn::Or" -> list(argument).stream().anyMatch(c -> evaluate(c, parameters));
            default -> throw new IllegalArgumentException("condition function " + key + " is not supported here");
        };
    }

    private Map<String, Object> withGlobals(Map<String, Object> own) {
        return merge(map(map(template.get("Globals")).get("Function")), own);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(global);
        local.forEach((key, value) -> merged.merge(key, value, (g, l) -> {
            if (g instanceof Map && l instanceof Map && !isIntrinsic((Map<String, Object>) l)) {
                return merge((Map<String, Object>) g, (Map<String, Object>) l);
            }
            if (g instanceof List && l instanceof List) {
                List<Object> both = new ArrayList<>((List<Object>) g);
                both.addAll((List<Object>) l);
                return both;
            }
            return l;
        }));
        return merged;
    }

    /** Whether a map is an intrinsic function call rather than a property map. */
    public static boolean isIntrinsic(Map<String, Object> value) {
        return value.size() == 1
                && value.keySet().stream().allMatch(k -> k.equals("Ref") || k.startsWith("Fn::") || k.equals("Condition"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SnakeYAML constructor for CloudFormation's short tags, each read as the long form CloudFormation
     * itself uses ({@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A, B]}}).
     */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            intrinsic("Ref", "Ref");
            intrinsic("Condition", "Condition");
            for (String function : List.of("Sub", "If", "Equals", "Not", "And", "Or", "Select", "Split", "Join",
                    "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "GetAtt")) {
                intrinsic(function, "Fn::" + function);
            }
        }

        private void intrinsic(String tag, String key) {
            yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        String text = constructScalar(scalar);
                        value = key.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    Map<String, Object> intrinsic = new LinkedHashMap<>();
                    intrinsic.put(key, value);
                    return intrinsic;
                }
            });
        }
    }
}
