package io.tandem.server;

import io.tandem.server.config.PasswordHashes;
import io.tandem.server.config.TServerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What is unsafe about listening on an address beyond loopback with a given configuration: the warnings the server
 * logs at start-up (docs/security.md). Nothing here refuses to start; an operator may run an open lab on purpose.
 */
public final class ExposureCheck {

    private ExposureCheck() {
    }

    /** Whether {@code host} is a loopback address (a wildcard address is not). */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The warnings for a server bound to {@code host} with {@code config}; none when it listens on loopback only. */
    public static List<String> warnings(String host, TServerConfig config) {
        List<String> warnings = new ArrayList<>();
        if (isLoopback(host)) {
            return warnings;
        }
        if (config.clientCredentials().isEmpty()) {
            warnings.add("listening on " + host + " beyond loopback without tserver.client-credentials: anyone who reaches the CTI port"
                    + " or the /cti WebSocket can register DNs, redirect remote terminals and control calls");
        }
        for (TServerConfig.ConsoleUser user : config.consoleUsers()) {
            if (PasswordHashes.matches(user.name(), user.passwordHash())) {
                warnings.add("listening on " + host + " beyond loopback with console user '" + user.name()
                        + "' whose password is its name (the demo's): set a new hash with './tandem hash-password'");
            }
        }
        return warnings;
    }
}
