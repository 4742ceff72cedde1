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
    void theLoadGeneratorGetsAFixedHeapTouchedAtStartBeforeTheCallersOptions() throws Exception {
        List<String> script = Files.readAllLines(Path.of("..", "tandem"));

        assertThat(script).contains("bench_java_opts=\"-Xms1g -Xmx1g -XX:+AlwaysPreTouch\"");
        int bench = script.indexOf("if [ \"${1:-}\" = \"bench\" ]; then");
        int exec = bench + script.subList(bench, script.size()).indexOf("fi") - 1;
        assertThat(script.subList(bench, exec)).contains("  launcher_java_opts=\"$launcher_java_opts $bench_java_opts\"");
        assertThat(script.get(exec)).contains("io.tandem.bench.BenchMain");
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
