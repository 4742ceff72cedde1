package io.tandem.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ./tandem} command run as a child JVM: started, awaited until it prints the line that says it
 * is up, and its further output drained so that it never blocks on logging. Used by the benchmarks and by
 * the process-level tests.
 *
 * @param process the child process
 * @param up the match of the "up" line (its groups carry the ports)
 */
public record TandemProcess(Process process, Matcher up) {

    /** What {@code ./tandem switch} prints once it serves its link: groups link port and HTTP port. */
    public static final Pattern SWITCH_UP = Pattern.compile("link port (\\d+), HTTP http://localhost:(\\d+)");
    /** What {@code ./tandem server} prints once it accepts clients: groups CTI port and HTTP port. */
    public static final Pattern SERVER_UP = Pattern.compile("CTI port (\\d+) .*HTTP http://localhost:(\\d+)");

    /**
     * The JVM options the {@code ./tandem} launcher gives every Tandem process unless {@code TANDEM_JAVA_OPTS} names a
     * garbage collector: ZGC, whose pauses stay under a millisecond where G1's young collections of this server take
     * 15–60 ms on two cores (docs/configuration.md, "The JVM"; docs/benchmarks.md). The launcher script spells the same
     * options; {@code LauncherOptionsTest} keeps the two alike.
     */
    public static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-XX:+UseZGC");

    /** {@code jvmOptions} after the launcher's defaults, which are left out when {@code jvmOptions} choose a collector. */
    public static List<String> withLauncherDefaults(List<String> jvmOptions) {
        boolean choosesCollector = jvmOptions.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w*GC"));
        List<String> all = new ArrayList<>(choosesCollector ? List.of() : LAUNCHER_JVM_OPTIONS);
        all.addAll(jvmOptions);
        return all;
    }

    /**
     * Starts {@code io.tandem.app.Tandem} as the {@code ./tandem} launcher does (its {@link #LAUNCHER_JVM_OPTIONS}, then
     * {@code jvmOptions}) with {@code args}, its standard error going
     * to {@code log} and its standard output after the "up" line to {@code log.out}, and returns once a line of its
     * output matches {@code upLine}.
     */
    public static TandemProcess start(String classPath, List<String> jvmOptions, Path log, Pattern upLine, List<String> args)
            throws IOException {
        return launch(withLauncherDefaults(jvmOptions), List.of("-cp", classPath, "io.tandem.app.Tandem"), log, upLine, args);
    }

    /** As {@link #start}, the shipped product itself: {@code java -jar jar} with only what its manifest names. */
    public static TandemProcess startJar(Path jar, List<String> jvmOptions, Path log, Pattern upLine, List<String> args) throws IOException {
        return launch(jvmOptions, List.of("-jar", jar.toString()), log, upLine, args);
    }

    private static TandemProcess launch(List<String> jvmOptions, List<String> program, Path log, Pattern upLine, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(program);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        // the pairs the bench starts share this secret for their sync link, unless the caller's environment names one
        builder.environment().putIfAbsent("TANDEM_SYNC_SECRET", "tandem-bench-pair-secret");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = upLine.matcher(line);
            if (m.find()) {
                Path outLog = log.resolveSibling(log.getFileName() + ".out");
                Thread drain = new Thread(() -> drain(out, outLog), "drain-" + process.pid());
                drain.setDaemon(true);
                drain.start();
                return new TandemProcess(process, m);
            }
        }
        throw new IOException("'" + String.join(" ", args) + "' ended before it was up; see " + log);
    }

    /** The port in group {@code group} of the "up" line. */
    public int port(int group) {
        return Integer.parseInt(up.group(group));
    }

    /** Copies the process's standard output after its "up" line to {@code file} (LOG.out beside LOG), so that its log is kept. */
    private static void drain(BufferedReader out, Path file) {
        try (java.io.Writer copy = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.write(line);
                copy.write('\n');
                copy.flush();
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
