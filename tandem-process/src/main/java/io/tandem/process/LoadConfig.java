package io.tandem.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a configuration with {@code terminals} remote terminals (DNs 7000001…, each with its owner) and
 * {@code phones} phones (DNs 6000001…), all controlled by application user {@code tandem}/{@code tandem}.
 */
public final class LoadConfig {

    /** First remote terminal DN. */
    public static final int FIRST_TERMINAL = 7_000_001;
    /** First phone DN. */
    public static final int FIRST_PHONE = 6_000_001;

    private LoadConfig() {
    }

    /** The console user of generated configurations: {@code bench}, password {@code bench}. */
    public static final String CONSOLE_USER = "bench";
    /** Its password's hash. */
    static final String CONSOLE_PASSWORD_HASH = "pbkdf2-sha256$210000$HOT5mLsUuyrzy0WteOETAg$60R9hEJv/9HqQF2lNijj+zBsK28DFFUJLebjyKd6g8M";

    /** The DN of remote terminal {@code i} (0-based). */
    public static String terminal(int i) {
        return String.valueOf(FIRST_TERMINAL + i);
    }

    /** The DN of phone {@code i} (0-based). */
    public static String phone(int i) {
        return String.valueOf(FIRST_PHONE + i);
    }

    /** A remote destination number for terminal {@code i} (unique, not a DN). */
    public static String destination(int i) {
        return String.format("06%08d", i);
    }

    /** The route point of a configuration written with a route point. */
    public static final String ROUTE_POINT = "5000";

    /** The YAML text. */
    public static String yaml(int terminals, int phones) {
        return yaml(terminals, phones, false);
    }

    /** The DN of Extension Mobility user {@code i}'s profile. */
    public static String profileDn(int i) {
        return String.valueOf(9_000_001 + i);
    }

    /**
     * The YAML text; with {@code extensionMobility} every phone has EM enabled and user e{i} has a default profile
     * with DN 9000001+i, and application user {@code emapi}/{@code emapi} has proxy rights.
     */
    public static String yaml(int terminals, int phones, boolean extensionMobility) {
        StringBuilder y = new StringBuilder(256 + terminals * 220 + phones * 120);
        y.append("switch:\n");
        if (terminals > 0 || extensionMobility) {
            y.append("  end-users:\n");
        }
        for (int i = 0; i < terminals; i++) {
            y.append("    - {id: u").append(i).append(", mobility: true}\n");
        }
        if (extensionMobility) {
            for (int i = 0; i < phones; i++) {
                y.append("    - {id: e").append(i).append("}\n");
            }
            y.append("  device-profiles:\n");
            for (int i = 0; i < phones; i++) {
                y.append("    - {name: E").append(i).append(", user: e").append(i).append(", model: Cisco 8845, default: true, lines: [\"")
                        .append(profileDn(i)).append("\"]}\n");
            }
        }
        y.append("  application-users:\n");
        if (extensionMobility) {
            y.append("    - {id: emapi, password: emapi, em-proxy: true}\n");
        }
        y.append("    - id: tandem\n      password: tandem\n      controlled-devices:\n");
        for (int i = 0; i < terminals; i++) {
            y.append("        - CTIRD").append(i).append('\n');
        }
        for (int i = 0; i < phones; i++) {
            y.append("        - SEP").append(phone(i)).append('\n');
        }
        y.append("  devices:\n");
        for (int i = 0; i < terminals; i++) {
            y.append("    - {name: CTIRD").append(i).append(", type: cti-remote-device, owner: u").append(i)
                    .append(", lines: [\"").append(terminal(i)).append("\"]}\n");
        }
        for (int i = 0; i < phones; i++) {
            y.append("    - {name: SEP").append(phone(i)).append(", type: phone, model: Cisco 8845, lines: [\"").append(phone(i))
                    .append("\"]").append(extensionMobility ? ", extension-mobility: true" : "").append("}\n");
        }
        y.append("tserver:\n  switch-link: {application-user: tandem, password: tandem}\n");
        y.append("  console-users: [{name: bench, role: admin, password-hash: \"").append(CONSOLE_PASSWORD_HASH).append("\"}]\n");
        y.append("  dns:\n");
        for (int i = 0; i < terminals; i++) {
            y.append("    - {number: \"").append(terminal(i)).append("\"}\n");
        }
        for (int i = 0; i < phones; i++) {
            y.append("    - {number: \"").append(phone(i)).append("\"}\n");
        }
        return y.toString();
    }

    /**
     * The YAML text with route point {@value #ROUTE_POINT} added (device RP5000, a 60 s select-route timer, a 30 s router
     * timeout, no default DN).
     */
    public static String yamlWithRoutePoint(int terminals, int phones) {
        String y = yaml(terminals, phones, false);
        y = y.replace("      controlled-devices:\n", "      controlled-devices:\n        - RP5000\n");
        y = y.replace("  devices:\n", "  devices:\n    - {name: RP5000, type: route-point, lines: [\"" + ROUTE_POINT + "\"], select-route-timer: 60}\n");
        y = y.replace("  dns:\n", "  routing: {router-timeout: 30}\n  dns:\n    - {number: \"" + ROUTE_POINT + "\", type: RoutingPoint}\n");
        return y;
    }

    /** Writes the YAML with a route point to {@code file}. */
    public static Path writeWithRoutePoint(Path file, int terminals, int phones) {
        try {
            Files.writeString(file, yamlWithRoutePoint(terminals, phones));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the YAML to {@code file}. */
    public static Path write(Path file, int terminals, int phones, boolean extensionMobility) {
        try {
            Files.writeString(file, yaml(terminals, phones, extensionMobility));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
