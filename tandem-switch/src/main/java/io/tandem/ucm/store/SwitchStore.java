package io.tandem.ucm.store;

import io.tandem.common.db.Database;
import io.tandem.switchlink.DeviceType;
import io.tandem.ucm.config.RemoteNumbers;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.model.SwitchPersistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the switch tables. The configuration file is imported at every start (it is the
 * source of truth for configuration); remote destinations added at run time and device service states
 * are kept across restarts as long as they still fit the configuration.
 */
public final class SwitchStore implements SwitchPersistence, io.tandem.ucm.em.EmPersistence {

    private static final String CONFIG_ORIGIN = "config";
    private static final String CTI_ORIGIN = "cti";
    private static final String[] CONFIG_TABLES = {"sw_setting", "sw_end_user", "sw_app_user", "sw_app_user_device",
        "sw_app_user_profile", "sw_device", "sw_device_line", "sw_device_profile", "sw_device_profile_line",
        "sw_default_device_profile", "sw_dn_forwarding", "sw_dn_recording"};
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SwitchStore.class);

    private final Database database;
    private SwitchWriter writer;

    /** A store on {@code database}, migrating its schema. */
    public SwitchStore(Database database) {
        this.database = database;
        database.migrate("db/switch", "flyway_history_switch");
    }

    /**
     * {@code config} (the configuration file) with every run-time change applied, in the order made. A
     * change that no longer applies (the file changed under it) is skipped and logged.
     */
    public SwitchConfig withChanges(SwitchConfig config) {
        List<String> stored = database.inTransaction("load configuration changes",
                c -> query(c, "SELECT change_json FROM sw_config_change ORDER BY seq", rs -> rs.getString(1)));
        SwitchConfig effective = config;
        for (String json : stored) {
            try {
                effective = JSON.readValue(json, io.tandem.ucm.config.SwitchConfigChange.class).applyTo(effective);
            } catch (IllegalArgumentException e) {
                LOG.warn("run-time configuration change {} no longer applies and is skipped: {}", json, e.getMessage());
            } catch (java.io.IOException e) {
                LOG.warn("run-time configuration change {} is unreadable and is skipped: {}", json, e.getMessage());
            }
        }
        return effective;
    }

    /**
     * Records {@code change}, made at run time at {@code atMillis}, durably and off the switch thread; {@code undo}
     * takes it back from the running switch if it cannot be written.
     */
    public void recordChange(io.tandem.ucm.config.SwitchConfigChange change, long atMillis, Runnable undo) {
        String json = json(change);
        writer.write("record configuration change", true, c -> {
            long seq = query(c, "SELECT COALESCE(MAX(seq), 0) + 1 FROM sw_config_change", rs -> rs.getLong(1)).get(0);
            return update(c, "INSERT INTO sw_config_change (seq, change_json, made_at) VALUES (?, ?, ?)", seq, json, atMillis);
        }, undo);
    }

    /** Replaces the stored configuration with {@code config}, dropping run-time state that no longer fits. */
    public void importConfig(SwitchConfig config) {
        database.inTransaction("import switch configuration", c -> {
            for (String table : CONFIG_TABLES) {
                update(c, "DELETE FROM " + table);
            }
            insertSettings(c, config);
            insertUsers(c, config);
            insertDevices(c, config);
            insertProfiles(c, config);
            reconcileRemoteDestinations(c, config);
            update(c, "DELETE FROM sw_device_state WHERE device_name NOT IN (SELECT device_name FROM sw_device)");
            update(c, "DELETE FROM sw_dnd WHERE (holder_kind = 'device' AND holder_name NOT IN (SELECT device_name FROM sw_device))"
                    + " OR (holder_kind = 'profile' AND holder_name NOT IN (SELECT profile_name FROM sw_device_profile))");
            update(c, "DELETE FROM sw_forward_all WHERE dn NOT IN (SELECT dn FROM sw_device_line)"
                    + " AND dn NOT IN (SELECT dn FROM sw_device_profile_line)");
            update(c, "DELETE FROM sw_em_login WHERE device_name NOT IN (SELECT device_name FROM sw_device WHERE extension_mobility = TRUE)"
                    + " OR profile_name NOT IN (SELECT profile_name FROM sw_device_profile)"
                    + " OR user_id NOT IN (SELECT user_id FROM sw_end_user)");
            return null;
        });
    }

    private static void insertSettings(Connection c, SwitchConfig config) throws SQLException {
        update(c, "INSERT INTO sw_setting VALUES (?, ?)", "external-pattern", config.externalDialPattern());
        update(c, "INSERT INTO sw_setting VALUES (?, ?)", "remote-destination-limit", String.valueOf(config.remoteDestinationLimit()));
        update(c, "INSERT INTO sw_setting VALUES (?, ?)", "auto-answer", String.join(",", config.autoAnswer()));
        update(c, "INSERT INTO sw_setting VALUES (?, ?)", "em-parameters", json(config.emParameters()));
        update(c, "INSERT INTO sw_setting VALUES (?, ?)", "forward-no-answer-timer", String.valueOf(config.callForwarding().noAnswerSeconds()));
        for (SwitchConfig.DnRecording r : config.recordingLines()) {
            update(c, "INSERT INTO sw_dn_recording (dn, recording_option, recorder, media_source) VALUES (?, ?, ?, ?)",
                    r.dn(), r.option().name(), r.recorder(), r.mediaSource().name());
        }
        for (SwitchConfig.DnForwarding f : config.callForwarding().dns()) {
            update(c, "INSERT INTO sw_dn_forwarding (dn, forward_busy, forward_no_answer, no_answer_seconds) VALUES (?, ?, ?, ?)",
                    f.dn(), f.busy(), f.noAnswer(), f.noAnswerSeconds());
        }
    }

    private static void insertUsers(Connection c, SwitchConfig config) throws SQLException {
        for (SwitchConfig.EndUser u : config.endUsers()) {
            update(c, "INSERT INTO sw_end_user (user_id, user_name, mobility, rd_limit, pin) VALUES (?, ?, ?, ?, ?)",
                    u.id(), u.name(), u.mobility(), u.remoteDestinationLimit(), u.pin());
        }
        for (SwitchConfig.ApplicationUser a : config.applicationUsers()) {
            update(c, "INSERT INTO sw_app_user (user_id, password, em_proxy, allow_recording, allow_monitoring) VALUES (?, ?, ?, ?, ?)",
                    a.id(), a.password(), a.emProxy(), a.allowCallRecording(), a.allowCallMonitoring());
            for (String d : a.controlledDevices()) {
                update(c, "INSERT INTO sw_app_user_device VALUES (?, ?)", a.id(), d);
            }
            for (String p : a.controlledProfiles()) {
                update(c, "INSERT INTO sw_app_user_profile VALUES (?, ?)", a.id(), p);
            }
        }
    }

    private static void insertDevices(Connection c, SwitchConfig config) throws SQLException {
        int seq = 0;
        for (SwitchConfig.Device d : config.devices()) {
            update(c, "INSERT INTO sw_device (device_name, device_type, model, owner_user_id, seq, extension_mobility, logout_profile,"
                    + " dnd_option, select_route_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.name(), d.type().configName(), d.model(),
                    d.owner(), seq++, d.extensionMobility(), d.logoutProfile(), d.dndOption().configName(), d.selectRouteSeconds());
            for (int i = 0; i < d.lines().size(); i++) {
                update(c, "INSERT INTO sw_device_line VALUES (?, ?, ?)", d.name(), i, d.lines().get(i));
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SwitchConfig.ProfileSettings settings(String json) {
        if (json == null) {
            return SwitchConfig.ProfileSettings.NONE;
        }
        try {
            return JSON.readValue(json, SwitchConfig.ProfileSettings.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored profile settings are unreadable: " + e.getMessage(), e);
        }
    }

    private static SwitchConfig.EmParameters emParameters(String json) {
        try {
            return json == null ? SwitchConfig.EmParameters.DEFAULT : JSON.readValue(json, SwitchConfig.EmParameters.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored Extension Mobility parameters are unreadable: " + e.getMessage(), e);
        }
    }

    private static void insertProfiles(Connection c, SwitchConfig config) throws SQLException {
        for (SwitchConfig.DefaultDeviceProfile d : config.defaultDeviceProfiles()) {
            update(c, "INSERT INTO sw_default_device_profile (model, settings_json) VALUES (?, ?)", d.model(), json(d.settings()));
        }
        for (SwitchConfig.DeviceProfile p : config.deviceProfiles()) {
            update(c, "INSERT INTO sw_device_profile (profile_name, user_id, model, is_default, settings_json) VALUES (?, ?, ?, ?, ?)",
                    p.name(), p.user(), p.model(), p.isDefault(), json(p.settings()));
            for (int i = 0; i < p.lines().size(); i++) {
                update(c, "INSERT INTO sw_device_profile_line VALUES (?, ?, ?)", p.name(), i, p.lines().get(i));
            }
        }
    }

    /**
     * Configured remote destinations replace the previous configured ones. A run-time one is kept only if its
     * device is still a CTI remote device, its number is not now configured or a DN, and the owner's limit
     * still has room.
     */
    private static void reconcileRemoteDestinations(Connection c, SwitchConfig config) throws SQLException {
        update(c, "DELETE FROM sw_remote_destination WHERE origin = ?", CONFIG_ORIGIN);
        Set<String> taken = new HashSet<>();
        Set<String> dns = new HashSet<>();
        Map<String, SwitchConfig.Device> remoteDevices = new LinkedHashMap<>();
        for (SwitchConfig.Device d : config.devices()) {
            dns.addAll(d.lines());
            d.remoteDestinations().forEach(rd -> taken.add(RemoteNumbers.normalize(rd.number())));
            if (d.type() == DeviceType.CTI_REMOTE_DEVICE) {
                remoteDevices.put(d.name(), d);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        remoteDevices.values().forEach(d -> counts.put(d.name(), d.remoteDestinations().size()));
        List<Object[]> runtime = query(c, "SELECT seq, device_name, rd_number FROM sw_remote_destination ORDER BY seq",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
        for (Object[] row : runtime) {
            String device = (String) row[1];
            String number = (String) row[2];
            boolean keep = remoteDevices.containsKey(device) && !dns.contains(number)
                    && !taken.contains(RemoteNumbers.normalize(number))
                    && counts.get(device) < limitFor(config, remoteDevices.get(device));
            if (keep) {
                counts.merge(device, 1, Integer::sum);
            } else {
                update(c, "DELETE FROM sw_remote_destination WHERE seq = ?", row[0]);
            }
        }
        for (SwitchConfig.Device d : remoteDevices.values()) {
            for (SwitchConfig.RemoteDestination rd : d.remoteDestinations()) {
                update(c, "INSERT INTO sw_remote_destination (device_name, rd_number, rd_name, origin) VALUES (?, ?, ?, ?)",
                        d.name(), rd.number(), rd.name(), CONFIG_ORIGIN);
            }
        }
    }

    private static int limitFor(SwitchConfig config, SwitchConfig.Device device) {
        return config.endUsers().stream().filter(u -> u.id().equals(device.owner()) && u.remoteDestinationLimit() != null)
                .map(SwitchConfig.EndUser::remoteDestinationLimit).findFirst().orElse(config.remoteDestinationLimit());
    }

    /** Loads everything the switch needs to start. */
    public StoredSwitch load() {
        return database.inTransaction("load switch state", c -> {
            Map<String, String> settings = new LinkedHashMap<>();
            query(c, "SELECT setting_name, setting_value FROM sw_setting", rs -> settings.put(rs.getString(1), rs.getString(2)));
            List<SwitchConfig.EndUser> users = query(c, "SELECT user_id, user_name, mobility, rd_limit, pin FROM sw_end_user ORDER BY user_id",
                    rs -> new SwitchConfig.EndUser(rs.getString(1), rs.getString(2), rs.getBoolean(3), (Integer) rs.getObject(4),
                            rs.getString(5)));
            Map<String, List<String>> controlledDevices = multimap(c, "SELECT user_id, device_name FROM sw_app_user_device ORDER BY user_id, device_name");
            Map<String, List<String>> controlledProfiles = multimap(c, "SELECT user_id, profile_name FROM sw_app_user_profile ORDER BY user_id, profile_name");
            List<SwitchConfig.ApplicationUser> appUsers = query(c, "SELECT user_id, password, em_proxy, allow_recording, allow_monitoring"
                    + " FROM sw_app_user ORDER BY user_id",
                    rs -> new SwitchConfig.ApplicationUser(rs.getString(1), rs.getString(2),
                            controlledDevices.getOrDefault(rs.getString(1), List.of()),
                            controlledProfiles.getOrDefault(rs.getString(1), List.of()), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5)));
            Map<String, List<String>> lines = multimap(c, "SELECT device_name, dn FROM sw_device_line ORDER BY device_name, line_index");
            Map<String, List<SwitchConfig.RemoteDestination>> configured = new LinkedHashMap<>();
            Map<String, List<SwitchConfig.RemoteDestination>> added = new LinkedHashMap<>();
            query(c, "SELECT device_name, rd_name, rd_number, origin FROM sw_remote_destination ORDER BY seq", rs -> {
                Map<String, List<SwitchConfig.RemoteDestination>> target = CONFIG_ORIGIN.equals(rs.getString(4)) ? configured : added;
                target.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new SwitchConfig.RemoteDestination(rs.getString(2), rs.getString(3)));
                return null;
            });
            List<SwitchConfig.Device> devices = query(c, "SELECT device_name, device_type, model, owner_user_id, extension_mobility,"
                    + " logout_profile, dnd_option, select_route_seconds FROM sw_device ORDER BY seq",
                    rs -> new SwitchConfig.Device(rs.getString(1), DeviceType.fromConfigName(rs.getString(2)).orElseThrow(),
                            rs.getString(3), rs.getString(4), lines.getOrDefault(rs.getString(1), List.of()),
                            configured.getOrDefault(rs.getString(1), List.of()), rs.getBoolean(5), rs.getString(6),
                            io.tandem.switchlink.DndOption.fromConfigName(rs.getString(7)).orElse(null), (Integer) rs.getObject(8)));
            Map<String, List<String>> profileLines = multimap(c, "SELECT profile_name, dn FROM sw_device_profile_line ORDER BY profile_name, line_index");
            List<SwitchConfig.DeviceProfile> profiles = query(c, "SELECT profile_name, user_id, model, is_default, settings_json"
                    + " FROM sw_device_profile ORDER BY profile_name",
                    rs -> new SwitchConfig.DeviceProfile(rs.getString(1), rs.getString(2), rs.getString(3),
                            profileLines.getOrDefault(rs.getString(1), List.of()), rs.getBoolean(4), settings(rs.getString(5))));
            List<SwitchConfig.DefaultDeviceProfile> defaults = query(c, "SELECT model, settings_json FROM sw_default_device_profile ORDER BY model",
                    rs -> new SwitchConfig.DefaultDeviceProfile(rs.getString(1), settings(rs.getString(2))));
            Map<String, Boolean> states = new LinkedHashMap<>();
            query(c, "SELECT device_name, in_service FROM sw_device_state", rs -> states.put(rs.getString(1), rs.getBoolean(2)));
            SwitchConfig config = new SwitchConfig(
                    settings.getOrDefault("external-pattern", SwitchConfig.DEFAULT_EXTERNAL_PATTERN),
                    settings.getOrDefault("auto-answer", "").isEmpty() ? List.of() : List.of(settings.get("auto-answer").split(",")),
                    Integer.parseInt(settings.getOrDefault("remote-destination-limit", String.valueOf(SwitchConfig.DEFAULT_REMOTE_DESTINATION_LIMIT))),
                    users, appUsers, devices, profiles, defaults, emParameters(settings.get("em-parameters")),
                    new SwitchConfig.CallForwarding(Integer.parseInt(settings.getOrDefault("forward-no-answer-timer",
                            String.valueOf(SwitchConfig.CallForwarding.DEFAULT_NO_ANSWER_SECONDS))),
                            query(c, "SELECT dn, forward_busy, forward_no_answer, no_answer_seconds FROM sw_dn_forwarding ORDER BY dn",
                                    rs -> new SwitchConfig.DnForwarding(rs.getString(1), rs.getString(2), rs.getString(3),
                                            (Integer) rs.getObject(4)))),
                    query(c, "SELECT dn, recording_option, recorder, media_source FROM sw_dn_recording ORDER BY dn",
                            rs -> new SwitchConfig.DnRecording(rs.getString(1), SwitchConfig.RecordingOption.valueOf(rs.getString(2)),
                                    rs.getString(3), SwitchConfig.MediaSource.valueOf(rs.getString(4)))));
            Set<String> dndDevices = new HashSet<>(query(c, "SELECT holder_name FROM sw_dnd WHERE holder_kind = 'device'", rs -> rs.getString(1)));
            Set<String> dndProfiles = new HashSet<>(query(c, "SELECT holder_name FROM sw_dnd WHERE holder_kind = 'profile'", rs -> rs.getString(1)));
            Map<String, String> forwards = new LinkedHashMap<>();
            query(c, "SELECT dn, destination FROM sw_forward_all ORDER BY dn", rs -> forwards.put(rs.getString(1), rs.getString(2)));
            return new StoredSwitch(config, added, states, new io.tandem.ucm.model.Diversions(dndDevices, dndProfiles, forwards));
        });
    }

    /** From now on, run-time changes are written by {@code newWriter}, off the switch thread. Before the first change. */
    public void writeWith(SwitchWriter newWriter) {
        this.writer = newWriter;
    }

    /**
     * Stores a remote destination the switch model has just added. The model keeps numbers unique, so a row of the same
     * number in the database can only be one it no longer has (left by a write the database failed to report
     * correctly, as H2 did under sustained churn: docs/benchmarks.md); it is replaced rather than left to refuse this
     * destination for good.
     */
    @Override
    public void remoteDestinationAdded(String device, String name, String number, Runnable undo) {
        writer.write("store remote destination " + number, List.of(
                st("DELETE FROM sw_remote_destination WHERE rd_number = ?", number),
                st("INSERT INTO sw_remote_destination (device_name, rd_number, rd_name, origin) VALUES (?, ?, ?, ?)",
                        device, number, name, CTI_ORIGIN)), undo);
    }

    @Override
    public void remoteDestinationRemoved(String device, String number, Runnable undo) {
        writer.write("remove remote destination " + number, List.of(
                st("DELETE FROM sw_remote_destination WHERE device_name = ? AND rd_number = ?", device, number)), undo);
    }

    @Override
    public void serviceStateChanged(String device, boolean inService, Runnable undo) {
        writer.write("store the service state of " + device, List.of(
                st("DELETE FROM sw_device_state WHERE device_name = ?", device),
                st("INSERT INTO sw_device_state VALUES (?, ?)", device, inService)), undo);
    }

    @Override
    public void doNotDisturbChanged(String holderKind, String holder, boolean on, Runnable undo) {
        List<SwitchJournal.Statement> statements = new ArrayList<>();
        statements.add(st("DELETE FROM sw_dnd WHERE holder_kind = ? AND holder_name = ?", holderKind, holder));
        if (on) {
            statements.add(st("INSERT INTO sw_dnd (holder_kind, holder_name) VALUES (?, ?)", holderKind, holder));
        }
        writer.write("store Do Not Disturb of " + holderKind + " " + holder, statements, undo);
    }

    @Override
    public void forwardAllChanged(String dn, String destination, Runnable undo) {
        List<SwitchJournal.Statement> statements = new ArrayList<>();
        statements.add(st("DELETE FROM sw_forward_all WHERE dn = ?", dn));
        if (destination != null) {
            statements.add(st("INSERT INTO sw_forward_all (dn, destination) VALUES (?, ?)", dn, destination));
        }
        writer.write("store Call Forward All of " + dn, statements, undo);
    }

    @Override
    public void loggedIn(io.tandem.ucm.em.EmLogin login, Runnable undo) {
        writer.write("store the login of " + login.userId() + " to " + login.device(), List.of(
                st("DELETE FROM sw_em_login WHERE device_name = ?", login.device()),
                st("INSERT INTO sw_em_login (device_name, user_id, profile_name, login_millis, logout_at_millis) VALUES (?, ?, ?, ?, ?)",
                        login.device(), login.userId(), login.profile(), login.loginMillis(), login.logoutAtMillis()),
                st("DELETE FROM sw_em_last_login WHERE device_name = ?", login.device()),
                st("INSERT INTO sw_em_last_login (device_name, user_id) VALUES (?, ?)", login.device(), login.userId())), undo);
    }

    @Override
    public void loggedOut(String device, Runnable undo) {
        writer.write("remove the login on " + device, List.of(st("DELETE FROM sw_em_login WHERE device_name = ?", device)), undo);
    }

    private static SwitchJournal.Statement st(String sql, Object... args) {
        return SwitchJournal.Statement.of(sql, args);
    }

    /** The stored logins. */
    public List<io.tandem.ucm.em.EmLogin> logins() {
        return database.inTransaction("load logins", c -> query(c,
                "SELECT device_name, user_id, profile_name, login_millis, logout_at_millis FROM sw_em_login ORDER BY device_name",
                rs -> new io.tandem.ucm.em.EmLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5))));
    }

    /** The last user who logged in to each device. */
    public Map<String, String> lastLogins() {
        return database.inTransaction("load last logins", c -> {
            Map<String, String> last = new LinkedHashMap<>();
            query(c, "SELECT device_name, user_id FROM sw_em_last_login", rs -> last.put(rs.getString(1), rs.getString(2)));
            return last;
        });
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    private static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper) throws SQLException {
        List<T> result = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                result.add(mapper.map(rs));
            }
        }
        return result;
    }

    private static Map<String, List<String>> multimap(Connection c, String sql) throws SQLException {
        Map<String, List<String>> map = new LinkedHashMap<>();
        query(c, sql, rs -> map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        return map;
    }
}
