package io.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a scenario measured: named figures, printed as a table and written as JSON. */
public final class BenchResult {

    private final Map<String, Object> figures = new LinkedHashMap<>();

    /** A result for {@code scenario}. */
    public BenchResult(String scenario) {
        figures.put("scenario", scenario);
    }

    /** Adds a figure. */
    public BenchResult put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Adds every figure of {@code more}, each name prefixed. */
    public BenchResult putAll(String prefix, Map<String, Object> more) {
        more.forEach((k, v) -> figures.put(prefix + k, v));
        return this;
    }

    /** A figure. */
    public Object get(String name) {
        return figures.get(name);
    }

    /** Every figure. */
    public Map<String, Object> figures() {
        return figures;
    }

    /** Prints a two-column table. */
    public void print(PrintStream out) {
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        figures.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, v));
    }

    /** Writes the figures as JSON. */
    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
    }
}
