package io.tandem.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML document into a {@link ConfigNode} tree that keeps line numbers. */
public final class YamlConfigReader {

    /** The largest configuration file accepted, in characters (a 50,000-DN site is about 10 M). */
    public static final int MAX_CHARACTERS = 256 * 1024 * 1024;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        return options;
    }

    private YamlConfigReader() {
    }

    /**
     * Reads {@code in}; a syntax error or a duplicate key becomes a {@link ConfigException} naming
     * {@code source} and the line.
     */
    public static ConfigNode read(InputStream in, String source) {
        ConfigProblems problems = new ConfigProblems(source);
        try (JsonParser parser = FACTORY.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ConfigNode.MapNode(Map.of(), 1);
            }
            ConfigNode root = readNode(parser, problems);
            problems.throwIfAny();
            return root;
        } catch (JsonProcessingException e) {
            problems.add(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "YAML syntax error: " + e.getOriginalMessage());
            problems.throwIfAny();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new ConfigException(List.of(source + ": cannot read: " + e.getMessage()));
        }
    }

    private static ConfigNode readNode(JsonParser parser, ConfigProblems problems) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                ConfigNode value = readNode(parser, problems);
                if (entries.containsKey(key)) {
                    problems.add(keyLine, "duplicate key '" + key + "'");
                }
                entries.put(key, value);
            }
            return new ConfigNode.MapNode(entries, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<ConfigNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readNode(parser, problems));
            }
            return new ConfigNode.ListNode(items, line);
        }
        return new ConfigNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }
}
