package io.tandem.app;

import io.tandem.server.config.PasswordHashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tandem hash-password}: reads a password from standard input (or {@code --password}) and prints
 * its hash for {@code tserver.console-users[].password-hash}.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Prints the hash of a console password (read from standard input) for tserver.console-users.")
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--password", description = "the password (prefer standard input: it stays out of the shell history)")
    String password;

    @Override
    public Integer call() throws IOException {
        String plain = password;
        if (plain == null) {
            plain = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (plain == null || plain.isEmpty()) {
            System.err.println("tandem hash-password: no password given (type it on standard input, or use --password)");
            return 2;
        }
        System.out.println(PasswordHashes.hash(plain));
        return 0;
    }
}
