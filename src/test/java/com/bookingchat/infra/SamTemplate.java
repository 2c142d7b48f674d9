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
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * infra/template.yaml read as CloudFormation reads it: the short intrinsic tags become their long forms
 * ({@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A, B]}}), and a function's
 * properties are its own merged over {@code Globals.Function}, as SAM merges them. Tests read the deployed
 * settings from here rather than repeating them, so the two cannot drift.
 */
public final class SamTemplate {

    /** The template, relative to the project root (the tests' working directory). */
    public static final Path PATH = Path.of("infra", "template.yaml");

    private static final String POOL_PREFIX = "QUARKUS_DATASOURCE_JDBC_";
    private static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";

    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    /** Reads infra/template.yaml. */
    public static SamTemplate read() {
        try (Reader reader = Files.newBufferedReader(PATH)) {
            return new SamTemplate(new Yaml(new CloudFormationConstructor()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH, e);
        }
    }

    /** The whole template, intrinsics in their long forms. */
    public Map<String, Object> root() {
        return template;
    }

    public Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    /** Every AWS::Serverless::Function by logical id, each with Globals.Function merged under its own properties. */
    public Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new TreeMap<>();
        resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                functions.put(id, merge(map(map(template.get("Globals")).get("Function")), map(map(resource).get("Properties"))));
            }
        });
        return functions;
    }

    /** A function's environment variables, Globals included. */
    public static Map<String, Object> environment(Map<String, Object> function) {
        return map(map(function.get("Environment")).get("Variables"));
    }

    /**
     * The connection pool settings every function that uses the database is deployed with, as environment
     * variables: each {@code QUARKUS_DATASOURCE_JDBC_*} but the URL, plus {@link #jdbcUrlOptions()}' source.
     * The functions must agree, since one artifact serves them all.
     */
    public Map<String, String> databasePool() {
        Map<String, String> pool = null;
        for (var function : functions().entrySet()) {
            Map<String, Object> env = environment(function.getValue());
            if (!env.containsKey(JDBC_URL)) {
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

    /**
     * The query the functions' JDBC URL ends with (the driver's connect and socket timeouts), without the
     * {@code ?}: the template builds the URL with {@code !Sub} around the stack's endpoint.
     */
    public String jdbcUrlOptions() {
        for (Map<String, Object> function : functions().values()) {
            Object url = environment(function).get(JDBC_URL);
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

    /** SAM's merge of Globals under a resource: maps merge, lists append, anything else is replaced. */
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

    private static boolean isIntrinsic(Map<String, Object> value) {
        return value.size() == 1 && value.keySet().stream().allMatch(k -> k.equals("Ref") || k.startsWith("Fn::") || k.equals("Condition"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** SnakeYAML constructor for CloudFormation's short tags, each read as the long form CloudFormation itself uses. */
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
