package io.tandem.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The CTI server configuration.
 *
 * @param applicationUser the switch application user the server opens its link as
 * @param applicationPassword that user's password
 * @param clientCredentials application names and passwords clients must present; empty means none required
 * @param dns the DNs this server serves
 */
public record TServerConfig(String applicationUser, String applicationPassword, List<ClientCredential> clientCredentials,
        List<DnConfig> dns) {

    /** Copies the lists. */
    public TServerConfig {
        clientCredentials = List.copyOf(clientCredentials);
        dns = List.copyOf(dns);
    }

    /** The configured DN {@code number}. */
    public Optional<DnConfig> dn(String number) {
        return dns.stream().filter(d -> d.number().equals(number)).findFirst();
    }

    /** A copy with other switch-link credentials. */
    public TServerConfig withSwitchCredentials(String user, String password) {
        return new TServerConfig(user, password, clientCredentials, dns);
    }

    /**
     * A DN.
     *
     * @param number the directory number
     * @param type its type
     */
    public record DnConfig(String number, DnType type) {
    }

    /**
     * A client application allowed to connect when credentials are required.
     *
     * @param application the ApplicationName it registers with
     * @param password its password
     */
    public record ClientCredential(String application, String password) {
        @Override
        public String toString() {
            return "ClientCredential[" + application + "]";
        }
    }
}
