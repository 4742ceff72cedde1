package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.process.LoadConfig;
import io.tandem.process.TandemProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structured logs: with TANDEM_LOG_FORMAT=json every log line is one JSON object. */
class JsonLogTest {

    @TempDir
    Path dir;

    /** The logging configuration the launcher ships (tests otherwise get logback-test.xml). */
    private static String productionLogConfig() throws Exception {
        return Path.of(JsonLogTest.class.getClassLoader().getResource("logback.xml").toURI()).toString();
    }

    @Test
    void everyLogLineIsAJsonObjectWithLevelLoggerAndMessage() throws Exception {
        Path config = LoadConfig.write(dir.resolve("small.yaml"), 2, 2, false);
        Path log = dir.resolve("switch.log");
        TandemProcess sw = TandemProcess.start(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                List.of("-DTANDEM_LOG_FORMAT=json", "-Dlogback.configurationFile=" + productionLogConfig()), log, TandemProcess.SWITCH_UP,
                List.of("switch", "--config", config.toString(), "--link-port", "0", "--http-port", "0", "--data-dir", dir.resolve("sw").toString()));
        sw.process().destroy();
        assertThat(sw.process().waitFor(15, TimeUnit.SECONDS)).isTrue();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).isNotEmpty().allSatisfy(l -> {
            assertThat(l.isObject()).isTrue();
            assertThat(l.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(l.path("loggerName").asText()).startsWith("io.tandem");
            assertThat(l.path("timestamp").asLong()).isPositive();
        });
        assertThat(lines).anySatisfy(l -> assertThat(l.path("formattedMessage").asText()).matches("embedded switch started: \\d+ devices, 1 application users"));
    }
}
