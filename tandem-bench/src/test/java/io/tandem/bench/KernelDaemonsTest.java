package io.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the kernel's DAMON threads from a directory laid out as {@code /proc} and DAMON's sysfs interface. */
class KernelDaemonsTest {

    @TempDir
    Path dir;

    private static String stat(int pid, String command, long utime, long stime) {
        return pid + " (" + command + ") S 2 0 0 0 -1 2129984 0 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 76 0 0 "
                + "18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 1 0 0 0 0 0\n";
    }

    private void process(int pid, String stat) throws Exception {
        Files.createDirectories(dir.resolve("proc").resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("proc").resolve(String.valueOf(pid)).resolve("stat"), stat);
    }

    private void damon(int daemon, String state) throws Exception {
        Path d = dir.resolve("damon").resolve(String.valueOf(daemon));
        Files.createDirectories(d);
        Files.writeString(d.resolve("state"), state + "\n");
    }

    @Test
    void addsTheUserAndSystemTimeOfEveryKdamondThreadInMilliseconds() throws Exception {
        process(83, stat(83, "kdamond.0", 120, 3_400));
        process(84, stat(84, "kdamond.1", 0, 80));
        process(1200, stat(1200, "java", 90_000, 5_000));
        process(1300, stat(1300, "my (kdamond) tool", 7, 7)); // a command that only contains the name is not one
        Files.createDirectories(dir.resolve("proc").resolve("self"));
        KernelDaemons kernel = KernelDaemons.at(dir.resolve("proc"), dir.resolve("damon"));
        assertThat(kernel.kdamondCpuMs()).isEqualTo((120 + 3_400 + 80) * 10);
    }

    @Test
    void aCommandWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(KernelDaemons.ticksIfKdamond(stat(9, "kdamond.0 (x) y", 5, 6))).isEqualTo(11);
        assertThat(KernelDaemons.ticksIfKdamond(stat(9, "kswapd0", 5, 6))).isZero();
        assertThat(KernelDaemons.ticksIfKdamond("garbage")).isZero();
    }

    @Test
    void damonIsOnWhenAnyDaemonIsOnOffWhenAllAreOffAndAbsentWithoutItsInterface() throws Exception {
        KernelDaemons kernel = KernelDaemons.at(dir.resolve("proc"), dir.resolve("damon"));
        assertThat(kernel.damonState()).isEqualTo("absent");
        assertThat(kernel.kdamondCpuMs()).as("no /proc either").isZero();
        damon(0, "off");
        assertThat(kernel.damonState()).isEqualTo("off");
        damon(1, "on");
        assertThat(kernel.damonState()).isEqualTo("on");
    }
}
