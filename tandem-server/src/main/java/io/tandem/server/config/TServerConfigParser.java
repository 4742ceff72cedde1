package io.tandem.server.config;

import io.tandem.common.config.ConfigMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and checks the {@code tserver:} section. */
public final class TServerConfigParser {

    private TServerConfigParser() {
    }

    /** Parses {@code section}; problems go to its collector. */
    public static TServerConfig parse(ConfigMap section) {
        section.allowOnly("switch-link", "client-credentials", "dns", "console-users", "agent-logins", "agents", "routing");
        String user = "";
        String password = "";
        var link = section.map("switch-link", "switch-link");
        if (link.isPresent()) {
            link.get().allowOnly("application-user", "password");
            user = link.get().optionalString("application-user").orElse("");
            password = link.get().optionalString("password").orElse("");
        }
        List<TServerConfig.ClientCredential> credentials = section.listOfMaps("client-credentials", m -> {
            m.allowOnly("application", "password");
            return new TServerConfig.ClientCredential(m.string("application"), m.string("password"));
        });
        Map<String, Integer> seen = new HashMap<>();
        RoutingSettings.RoutePointSettings routingDefaults = routingDefaults(section);
        Map<String, RoutingSettings.RoutePointSettings> perRoutePoint = new HashMap<>();
        List<TServerConfig.DnConfig> dns = section.listOfMaps("dns", m -> {
            m.allowOnly("number", "type", "router-timeout", "default-dn", "default-redirection-limit");
            String number = m.string("number");
            String typeName = m.optionalString("type").orElse(DnType.Extension.name());
            DnType type = DnType.parse(typeName).orElseGet(() -> {
                m.problem("type", "DN " + number + ": unknown type '" + typeName + "' (allowed: "
                        + Arrays.stream(DnType.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
                return DnType.Extension;
            });
            Integer previous = seen.putIfAbsent(number, m.line());
            if (previous != null) {
                m.problem("number", "DN " + number + " is configured twice (first at line " + previous + ")");
            }
            boolean overrides = m.has("router-timeout") || m.has("default-dn") || m.has("default-redirection-limit");
            if (overrides && type != DnType.RoutingPoint) {
                m.problem("type", "DN " + number + ": router-timeout, default-dn and default-redirection-limit are for RoutingPoint DNs");
            } else if (overrides) {
                perRoutePoint.put(number, routePointSettings(m, routingDefaults));
            }
            return new TServerConfig.DnConfig(number, type);
        });
        Map<String, Integer> names = new HashMap<>();
        List<TServerConfig.ConsoleUser> consoleUsers = section.listOfMaps("console-users", m -> {
            m.allowOnly("name", "password-hash", "role");
            String name = m.string("name");
            String hash = m.string("password-hash");
            if (!hash.isEmpty() && !PasswordHashes.isWellFormed(hash)) {
                m.problem("password-hash", "console user " + name + ": password-hash is not a hash made by './tandem hash-password'"
                        + " (pbkdf2-sha256$ITERATIONS$SALT$HASH)");
            }
            String role = m.optionalString("role").orElse("read-only");
            if (!role.equals("admin") && !role.equals("read-only")) {
                m.problem("role", "console user " + name + ": unknown role '" + role + "' (allowed: admin, read-only)");
            }
            Integer previous = names.putIfAbsent(name, m.line());
            if (previous != null) {
                m.problem("name", "console user " + name + " is configured twice (first at line " + previous + ")");
            }
            return new TServerConfig.ConsoleUser(name, hash, role.equals("admin"));
        });
        return new TServerConfig(user, password, credentials, dns, consoleUsers, agents(section),
                new RoutingSettings(routingDefaults, perRoutePoint));
    }

    private static RoutingSettings.RoutePointSettings routingDefaults(ConfigMap section) {
        ConfigMap routing = section.map("routing", "routing").orElse(ConfigMap.empty(section.problems(), "routing", section.line()));
        routing.allowOnly("router-timeout", "default-dn", "default-redirection-limit");
        return routePointSettings(routing, RoutingSettings.DEFAULT.defaults());
    }

    /** {@code router-timeout} (seconds, decimals allowed, 0.1–3600), {@code default-dn}, {@code default-redirection-limit} (0–100). */
    private static RoutingSettings.RoutePointSettings routePointSettings(ConfigMap m, RoutingSettings.RoutePointSettings fallback) {
        java.time.Duration timeout = fallback.routerTimeout();
        String text = m.optionalString("router-timeout").orElse(null);
        if (text != null) {
            try {
                double seconds = Double.parseDouble(text);
                if (seconds < 0.1 || seconds > 3600) {
                    throw new NumberFormatException();
                }
                timeout = java.time.Duration.ofMillis(Math.round(seconds * 1000));
            } catch (NumberFormatException e) {
                m.problem("router-timeout", "'router-timeout' must be a number of seconds from 0.1 to 3600, found '" + text + "'");
            }
        }
        return new RoutingSettings.RoutePointSettings(timeout, m.optionalString("default-dn").orElse(fallback.defaultDn()),
                m.has("default-redirection-limit") ? m.integer("default-redirection-limit", 4, 0, 100) : fallback.redirectionLimit());
    }

    private static AgentSettings agents(ConfigMap section) {
        Map<String, Integer> ids = new HashMap<>();
        List<AgentSettings.AgentLogin> logins = section.listOfMaps("agent-logins", m -> {
            m.allowOnly("id", "password");
            String id = m.string("id");
            Integer previous = ids.putIfAbsent(id, m.line());
            if (previous != null) {
                m.problem("id", "agent login " + id + " is configured twice (first at line " + previous + ")");
            }
            return new AgentSettings.AgentLogin(id, m.optionalString("password").orElse(null));
        });
        ConfigMap options = section.map("agents", "agents").orElse(ConfigMap.empty(section.problems(), "agents", section.line()));
        options.allowOnly("agent-strict-id", "agent-login-on-call", "agent-logout-on-unreg", "wrap-up-time", "auto-logout-timeout",
                "logout-on-out-of-service");
        String strict = options.optionalString("agent-strict-id").orElse("false");
        AgentSettings.StrictId strictId = switch (strict) {
            case "false" -> AgentSettings.StrictId.OFF;
            case "true" -> AgentSettings.StrictId.ON;
            case "password" -> AgentSettings.StrictId.PASSWORD;
            default -> {
                options.problem("agent-strict-id", "'agent-strict-id' must be false, true or password, found '" + strict + "'");
                yield AgentSettings.StrictId.OFF;
            }
        };
        String wrapUp = options.optionalString("wrap-up-time").orElse("0");
        java.time.Duration wrapUpTime = wrapUp.equals("untimed") ? null
                : java.time.Duration.ofSeconds(options.integer("wrap-up-time", 0, 0, 86_400));
        java.time.Duration autoLogout = java.time.Duration.ofMinutes(options.integer("auto-logout-timeout", 0, 0, 10_080));
        return new AgentSettings(logins, strictId, options.bool("agent-login-on-call", false), options.bool("agent-logout-on-unreg", true),
                wrapUpTime, autoLogout, options.bool("logout-on-out-of-service", false));
    }
}
