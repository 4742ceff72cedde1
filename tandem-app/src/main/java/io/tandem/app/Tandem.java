package io.tandem.app;

import io.tandem.common.config.ConfigException;
import io.tandem.common.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./tandem} command. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem 0.1.0",
        description = "Tandem: an open CTI server for Cisco UCM, with an embedded switch.",
        subcommands = {ServerCommand.class, SwitchCommand.class, ClientCommand.class, PhoneCommand.class, HaCommand.class, HashPasswordCommand.class,
            io.tandem.app.router.RouterCommand.class},
        footer = {"", "Load tests: ./tandem bench --help (the load generator ships separately, in tandem-bench)."})
public final class Tandem implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; configuration and database problems exit with status 2 and a clear message. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Tandem());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException config) {
                System.err.println("configuration error:");
                config.problems().forEach(p -> System.err.println("  " + p));
                return 2;
            }
            if (e instanceof DatabaseException || e instanceof StartupException) {
                System.err.println("cannot start: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
