package io.tandem.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void theLauncherScriptGivesTheSameDefaultsAsTheProcessesTestsAndBenchmarksStart() throws Exception {
        List<String> script = Files.readAllLines(Path.of("..", "tandem"));

        assertThat(script).contains("launcher_java_opts=\"" + String.join(" ", TandemProcess.LAUNCHER_JVM_OPTIONS) + "\"");
        assertThat(script).filteredOn(line -> line.contains("exec java"))
                .hasSize(2).allMatch(line -> line.contains("exec java $launcher_java_opts ${TANDEM_JAVA_OPTS:-} "));
    }

    @Test
    void theDefaultsComeFirstSoThatTheCallersOptionsWin() {
        assertThat(TandemProcess.withLauncherDefaults(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1")))
                .containsExactly("-XX:+UseZGC", "-Xmx512m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void aCallerThatChoosesACollectorGetsNoneOfTheDefaults() {
        assertThat(TandemProcess.withLauncherDefaults(List.of("-Xmx256m", "-XX:+UseG1GC"))).containsExactly("-Xmx256m", "-XX:+UseG1GC");
        assertThat(TandemProcess.withLauncherDefaults(List.of("-XX:+UseParallelGC"))).containsExactly("-XX:+UseParallelGC");
        assertThat(TandemProcess.withLauncherDefaults(List.of("-XX:+UseStringDeduplication")))
                .containsExactly("-XX:+UseZGC", "-XX:+UseStringDeduplication");
    }
}
