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
 * @param consoleUsers the people who may log in to the web console and the admin API
 * @param agents agent logins and how agents are emulated
 * @param routing router timeouts and default routing of route points
 */
public record TServerConfig(String applicationUser, String applicationPassword, List<ClientCredential> clientCredentials,
        List<DnConfig> dns, List<ConsoleUser> consoleUsers, AgentSettings agents, RoutingSettings routing) {

    /** Copies the lists. */
    public TServerConfig {
        clientCredentials = List.copyOf(clientCredentials);
        dns = List.copyOf(dns);
        consoleUsers = List.copyOf(consoleUsers);
        agents = agents == null ? AgentSettings.DEFAULT : agents;
        routing = routing == null ? RoutingSettings.DEFAULT : routing;
    }

    /** A configuration with the default agent and routing settings. */
    public TServerConfig(String applicationUser, String applicationPassword, List<ClientCredential> clientCredentials, List<DnConfig> dns,
            List<ConsoleUser> consoleUsers) {
        this(applicationUser, applicationPassword, clientCredentials, dns, consoleUsers, AgentSettings.DEFAULT, RoutingSettings.DEFAULT);
    }

    /** A copy with other agent settings. */
    public TServerConfig withAgents(AgentSettings newAgents) {
        return new TServerConfig(applicationUser, applicationPassword, clientCredentials, dns, consoleUsers, newAgents, routing);
    }

    /** A copy with other routing settings. */
    public TServerConfig withRouting(RoutingSettings newRouting) {
        return new TServerConfig(applicationUser, applicationPassword, clientCredentials, dns, consoleUsers, agents, newRouting);
    }

    /** A configuration without console users. */
    public TServerConfig(String applicationUser, String applicationPassword, List<ClientCredential> clientCredentials, List<DnConfig> dns) {
        this(applicationUser, applicationPassword, clientCredentials, dns, List.of());
    }

    /** The configured DN {@code number}. */
    public Optional<DnConfig> dn(String number) {
        return dns.stream().filter(d -> d.number().equals(number)).findFirst();
    }

    /** A copy with other switch-link credentials. */
    public TServerConfig withSwitchCredentials(String user, String password) {
        return new TServerConfig(user, password, clientCredentials, dns, consoleUsers, agents, routing);
    }

    /**
     * A DN.
     *
     * @param number the directory number
     * @param type its type
     */
    public record DnConfig(String number, DnType type) {
    }

    /** A copy with other console users. */
    public TServerConfig withConsoleUsers(List<ConsoleUser> users) {
        return new TServerConfig(applicationUser, applicationPassword, clientCredentials, dns, users, agents, routing);
    }

    /**
     * Someone who may log in to the web console and the admin API.
     *
     * @param name the login name
     * @param passwordHash the password, hashed (see {@code io.tandem.server.admin.PasswordHash})
     * @param admin whether the user may change things (role {@code admin}); otherwise read-only
     */
    public record ConsoleUser(String name, String passwordHash, boolean admin) {
        @Override
        public String toString() {
            return "ConsoleUser[" + name + (admin ? ", admin" : ", read-only") + "]";
        }
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
