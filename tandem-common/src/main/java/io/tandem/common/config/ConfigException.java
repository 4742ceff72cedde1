package io.tandem.common.config;

import java.util.List;

/** A configuration file is wrong; the message lists every problem as {@code file:line: problem}. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    /** An exception for the given problems. */
    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each as {@code file:line: problem}. */
    public List<String> problems() {
        return problems;
    }
}
