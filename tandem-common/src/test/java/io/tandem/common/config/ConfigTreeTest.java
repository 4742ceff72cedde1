package io.tandem.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration tree: every problem is collected with the file and the line, and reported together. */
class ConfigTreeTest {

    private static ConfigNode read(String yaml) {
        return YamlConfigReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");
    }

    @Test
    void valuesAreReadWithTheirLinesAndEveryProblemNamesItsLine() {
        ConfigNode root = read("""
                name: tandem
                port: 70000
                secure: maybe
                extra: 1
                dns:
                  - {number: "7001"}
                  - plain
                users: [ann, {x: 1}]
                """);
        ConfigProblems problems = new ConfigProblems("t.yaml");
        ConfigMap map = ConfigMap.of(root, problems, "server").orElseThrow().allowOnly("name", "port", "secure", "dns", "users");

        assertThat(map.string("name")).isEqualTo("tandem");
        assertThat(map.integer("port", 7000, 1, 65535)).as("the fallback").isEqualTo(7000);
        assertThat(map.bool("secure", true)).isTrue();
        assertThat(map.listOfMaps("dns", m -> m.string("number"))).containsExactly("7001");
        assertThat(map.listOfStrings("users")).containsExactly("ann");
        assertThat(map.string("missing")).isEmpty();
        assertThat(map.lineOf("dns")).isEqualTo(6);

        ConfigException e = catchThrowableOfType(problems::throwIfAny, ConfigException.class);
        assertThat(e.problems()).containsExactly(
                "t.yaml:4: server: unknown key 'extra' (allowed: name, port, secure, dns, users)",
                "t.yaml:2: server: 'port' must be a whole number from 1 to 65535, found '70000'",
                "t.yaml:3: server: 'secure' must be true or false, found 'maybe'",
                "t.yaml:7: expected a map, found a value",
                "t.yaml:8: server: items of 'users' must be values, found a map",
                "t.yaml:1: server: missing required key 'missing'");
    }

    @Test
    void syntaxErrorsAndDuplicateKeysAreRefusedWithTheLine() {
        ConfigException duplicate = catchThrowableOfType(() -> read("a: 1\nb: 2\na: 3\n"), ConfigException.class);
        assertThat(duplicate.problems()).containsExactly("t.yaml:3: duplicate key 'a'");
        ConfigException syntax = catchThrowableOfType(() -> read("a: [1, 2\nb: 3\n"), ConfigException.class);
        assertThat(syntax.problems()).singleElement().asString().startsWith("t.yaml:").contains("YAML syntax error");
    }

    @Test
    void anEmptyFileIsAnEmptyMapAndAWrongKindIsNamed() {
        assertThat(read("")).isEqualTo(new ConfigNode.MapNode(java.util.Map.of(), 1));
        ConfigProblems problems = new ConfigProblems("t.yaml");
        assertThat(ConfigMap.of(read("- a\n- b\n"), problems, "switch")).isEmpty();
        ConfigMap root = ConfigMap.of(read("dns: 5\n"), problems, "").orElseThrow();
        assertThat(root.listOfStrings("dns")).isEqualTo(List.of());
        assertThat(catchThrowableOfType(problems::throwIfAny, ConfigException.class).problems()).containsExactly(
                "t.yaml:1: switch: expected a map, found a list", "t.yaml:1: 'dns' must be a list, found a value");
    }
}
