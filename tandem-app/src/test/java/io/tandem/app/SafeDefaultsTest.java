package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The processes listen on loopback unless told otherwise (security-probe D3: every port bound 0.0.0.0); a pair without
 * its sync link's shared secret is refused in {@code TandemConfigFileTest}.
 */
class SafeDefaultsTest {

    @Test
    void serverAndSwitchBindLoopbackByDefault() {
        ServerCommand server = CommandLine.populateCommand(new ServerCommand());
        assertThat(server.bind).isEqualTo("127.0.0.1");
        SwitchCommand sw = CommandLine.populateCommand(new SwitchCommand());
        assertThat(sw.bind).isEqualTo("127.0.0.1");
        assertThat(CommandLine.populateCommand(new ServerCommand(), "--bind", "0.0.0.0").bind).isEqualTo("0.0.0.0");
    }
}
