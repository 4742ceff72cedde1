package io.tandem.app;

import io.tandem.common.config.ConfigException;
import io.tandem.common.config.ConfigMap;
import io.tandem.common.config.ConfigNode;
import io.tandem.common.config.ConfigProblems;
import io.tandem.common.config.YamlConfigReader;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.config.TServerConfigParser;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration file: a {@code switch:} section (what CUCM would hold) and a {@code tserver:} section
 * (what the Genesys configuration layer would hold). Every problem is reported as {@code file:line: problem}.
 *
 * @param switchConfig the switch section, or null when the file has none
 * @param tserverConfig the tserver section, or null when the file has none
 * @param source the file name used in messages
 */
public record TandemConfigFile(SwitchConfig switchConfig, TServerConfig tserverConfig, String source) {

    /** The bundled demo configuration's resource name. */
    public static final String DEMO = "demo.yaml";

    /** Loads {@code file}, or the bundled demo configuration when {@code file} is null. */
    public static TandemConfigFile load(Path file) {
        if (file == null) {
            try (InputStream in = TandemConfigFile.class.getClassLoader().getResourceAsStream(DEMO)) {
                if (in == null) {
                    throw new ConfigException(List.of("the bundled " + DEMO + " is missing from the build"));
                }
                return parse(in, DEMO + " (bundled demo configuration)");
            } catch (IOException e) {
                throw new ConfigException(List.of(DEMO + ": cannot read: " + e.getMessage()));
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of(file + ": no such configuration file"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** Parses a configuration document named {@code source}. */
    public static TandemConfigFile parse(InputStream in, String source) {
        ConfigNode root = YamlConfigReader.read(in, source);
        ConfigProblems problems = new ConfigProblems(source);
        ConfigMap map = ConfigMap.of(root, problems, "").orElse(null);
        problems.throwIfAny();
        map.allowOnly("switch", "tserver");
        SwitchConfig sw = map.map("switch", "switch").map(SwitchConfigParser::parse).orElse(null);
        TServerConfig ts = map.map("tserver", "tserver").map(TServerConfigParser::parse).orElse(null);
        problems.throwIfAny();
        if (sw != null && ts != null) {
            checkRouterTimeouts(map.map("tserver", "tserver").orElseThrow(), sw, ts, problems);
            problems.throwIfAny();
        }
        return new TandemConfigFile(sw, ts, source);
    }

    /**
     * Each route point's router-timeout must be shorter than its switch device's select-route timer: otherwise the switch
     * gives up on the call (Forward No Answer or busy) before the CTI server can route it to its default DN.
     */
    private static void checkRouterTimeouts(ConfigMap tserver, SwitchConfig sw, TServerConfig ts, ConfigProblems problems) {
        java.util.Map<String, Integer> lines = new java.util.HashMap<>();
        int defaultLine = tserver.map("routing", "routing").map(r -> r.lineOf("router-timeout")).orElse(tserver.line());
        tserver.listOfMaps("dns", m -> lines.put(m.optionalString("number").orElse(""),
                m.has("router-timeout") ? m.lineOf("router-timeout") : defaultLine));
        for (TServerConfig.DnConfig dn : ts.dns()) {
            if (dn.type() != io.tandem.server.config.DnType.RoutingPoint) {
                continue;
            }
            java.time.Duration timeout = ts.routing().forRoutePoint(dn.number()).routerTimeout();
            sw.devices().stream().filter(d -> d.type() == io.tandem.switchlink.DeviceType.ROUTE_POINT && d.lines().contains(dn.number()))
                    .findFirst().ifPresent(d -> {
                        if (timeout.compareTo(java.time.Duration.ofSeconds(d.selectRouteSeconds())) >= 0) {
                            problems.add(lines.getOrDefault(dn.number(), defaultLine), "route point " + dn.number() + ": router-timeout "
                                    + timeout.toMillis() / 1000.0 + " s must be shorter than the select-route-timer of " + d.name() + " ("
                                    + d.selectRouteSeconds() + " s), or the switch gives the call up before it can be default-routed");
                        }
                    });
        }
    }

    /** The switch section, or a configuration error saying it is needed. */
    public SwitchConfig requireSwitch() {
        if (switchConfig == null) {
            throw new ConfigException(List.of(source + ": a 'switch:' section is required to run the embedded switch"));
        }
        return switchConfig;
    }

    /** The tserver section, or a configuration error saying it is needed. */
    public TServerConfig requireTServer() {
        if (tserverConfig == null) {
            throw new ConfigException(List.of(source + ": a 'tserver:' section is required to run a CTI server"));
        }
        return tserverConfig;
    }
}
