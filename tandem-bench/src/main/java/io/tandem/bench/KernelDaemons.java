package io.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The machine's own background work that competes with what is measured: the kernel's DAMON threads
 * ({@code kdamond.N}), which on the project's virtual machines run a proactive-reclaim scheme (DAMON's "pageout"
 * action, physical address space) that wakes every 500 ms and, while a Tandem server and the generator hold their heaps,
 * takes 50–65 ms of CPU on one of the two cores at each wake-up (docs/benchmarks.md, "The machine's memory-reclaim daemon").
 * The bench reports whether DAMON was on and how much CPU its threads used during what was timed, so that a figure taken
 * on a machine whose daemon was busy can be told from one taken on a quiet machine.
 */
final class KernelDaemons {

    /** Clock ticks per second of {@code /proc/PID/stat}'s times (USER_HZ, 100 on Linux for every architecture). */
    static final int TICKS_PER_SECOND = 100;

    private final Path proc;
    private final Path damonAdmin;

    private KernelDaemons(Path proc, Path damonAdmin) {
        this.proc = proc;
        this.damonAdmin = damonAdmin;
    }

    /** This machine's. */
    static KernelDaemons machine() {
        return new KernelDaemons(Path.of("/proc"), Path.of("/sys/kernel/mm/damon/admin/kdamonds"));
    }

    /** Another root (tests: a directory laid out as {@code /proc} and DAMON's sysfs directory). */
    static KernelDaemons at(Path proc, Path damonAdmin) {
        return new KernelDaemons(proc, damonAdmin);
    }

    /**
     * DAMON's state: {@code on} when any of its daemons is on, {@code off} when all are off, {@code absent} when the
     * kernel has no DAMON sysfs interface (or it cannot be read).
     */
    String damonState() {
        try (Stream<Path> daemons = Files.list(damonAdmin)) {
            List<String> states = daemons.map(d -> d.resolve("state")).filter(Files::isRegularFile).map(KernelDaemons::read).toList();
            if (states.isEmpty()) {
                return "absent";
            }
            return states.contains("on") ? "on" : "off";
        } catch (IOException | RuntimeException e) {
            return "absent";
        }
    }

    /** The CPU time, in milliseconds, the kernel's {@code kdamond} threads have used since they started (0 without any). */
    long kdamondCpuMs() {
        try (Stream<Path> entries = Files.list(proc)) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(this::kdamondTicks).sum() * 1000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    private long kdamondTicks(Path process) {
        try {
            return ticksIfKdamond(Files.readString(process.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile, or not readable
        }
    }

    /**
     * The user and system ticks of a {@code /proc/PID/stat} line when its command is a DAMON thread, else 0. The command is
     * between the first '(' and the last ')' (it may hold spaces and parentheses); utime and stime are the 12th and 13th
     * fields after it.
     */
    static long ticksIfKdamond(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || !stat.substring(open + 1, close).startsWith("kdamond")) {
            return 0;
        }
        String[] fields = fieldsAfterCommand(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of a {@code /proc/PID/stat} line after its command (the first is the state). */
    static String[] fieldsAfterCommand(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
