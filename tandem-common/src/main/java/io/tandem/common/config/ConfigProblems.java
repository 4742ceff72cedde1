package io.tandem.common.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in one configuration file, each located at a line. */
public final class ConfigProblems {

    private final String source;
    private final List<String> problems = new ArrayList<>();

    /** Problems in the file named {@code source}. */
    public ConfigProblems(String source) {
        this.source = source;
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    /** Records a problem at the line of {@code at}. */
    public void add(ConfigNode at, String problem) {
        add(at.line(), problem);
    }

    /** Records a problem at {@code line}. */
    public void add(int line, String problem) {
        problems.add(source + ":" + line + ": " + problem);
    }

    /** Whether anything was recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a {@link ConfigException} with every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
