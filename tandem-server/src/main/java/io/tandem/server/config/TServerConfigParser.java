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
        section.allowOnly("switch-link", "client-credentials", "dns");
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
        List<TServerConfig.DnConfig> dns = section.listOfMaps("dns", m -> {
            m.allowOnly("number", "type");
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
            return new TServerConfig.DnConfig(number, type);
        });
        return new TServerConfig(user, password, credentials, dns);
    }
}
