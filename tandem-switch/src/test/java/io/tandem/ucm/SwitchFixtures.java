package io.tandem.ucm;

import io.tandem.common.config.ConfigMap;
import io.tandem.common.config.ConfigProblems;
import io.tandem.common.config.YamlConfigReader;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Switch configurations for tests, parsed with the real parser. */
public final class SwitchFixtures {

    private SwitchFixtures() {
    }

    /** The switch-test.yaml resource. */
    public static SwitchConfig standard() {
        try (InputStream in = SwitchFixtures.class.getResourceAsStream("/switch-test.yaml")) {
            return parse(in, "switch-test.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses YAML text as a switch section. */
    public static SwitchConfig parse(String yaml, String source) {
        return parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), source);
    }

    private static SwitchConfig parse(InputStream in, String source) {
        ConfigProblems problems = new ConfigProblems(source);
        SwitchConfig config = SwitchConfigParser.parse(ConfigMap.of(YamlConfigReader.read(in, source), problems, "switch").orElseThrow());
        problems.throwIfAny();
        return config;
    }
}
