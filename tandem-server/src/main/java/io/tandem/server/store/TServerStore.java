package io.tandem.server.store;

import io.tandem.common.db.Database;
import io.tandem.server.config.DnType;
import io.tandem.server.config.TServerConfig;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the DNs this server serves. The configuration file is imported at each start; DNs added or removed
 * at run time (admin API) are kept as changes over it, the latest change of a DN winning.
 */
public final class TServerStore {

    private final Database database;

    /** A store on {@code database}, migrating its schema. */
    public TServerStore(Database database) {
        this.database = database;
        database.migrate("db/tserver", "flyway_history_tserver");
    }

    /** Replaces the stored DNs with the configured ones. */
    public void importDns(List<TServerConfig.DnConfig> dns) {
        database.inTransaction("import DNs", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ts_dn")) {
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ts_dn (dn_number, dn_type, seq) VALUES (?, ?, ?)")) {
                int seq = 0;
                for (TServerConfig.DnConfig dn : dns) {
                    insert.setString(1, dn.number());
                    insert.setString(2, dn.type().name());
                    insert.setInt(3, seq++);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The stored DNs: the configuration file's in their order, without those removed at run time, then those added. */
    public List<TServerConfig.DnConfig> loadDns() {
        return database.inTransaction("load DNs", c -> {
            java.util.Map<String, TServerConfig.DnConfig> dns = new java.util.LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT dn_number, dn_type FROM ts_dn ORDER BY seq");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    dns.put(rs.getString(1), new TServerConfig.DnConfig(rs.getString(1), DnType.parse(rs.getString(2)).orElseThrow()));
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT dn_number, dn_type, change_kind FROM ts_dn_change ORDER BY changed_at, dn_number");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(3).equals("remove")) {
                        dns.remove(rs.getString(1));
                    } else {
                        dns.putIfAbsent(rs.getString(1), new TServerConfig.DnConfig(rs.getString(1), DnType.parse(rs.getString(2)).orElseThrow()));
                    }
                }
            }
            return new ArrayList<>(dns.values());
        });
    }

    /** Records that DN {@code dn} was added at run time (at {@code atMillis}). */
    public void dnAdded(TServerConfig.DnConfig dn, long atMillis) {
        change(dn.number(), dn.type().name(), "add", atMillis);
    }

    /** Records that DN {@code number} was removed at run time (at {@code atMillis}). */
    public void dnRemoved(String number, long atMillis) {
        change(number, null, "remove", atMillis);
    }

    private void change(String number, String type, String kind, long atMillis) {
        database.inDurableTransaction(kind + " DN " + number, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ts_dn_change WHERE dn_number = ?")) {
                delete.setString(1, number);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO ts_dn_change (dn_number, dn_type, change_kind, changed_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, number);
                insert.setString(2, type);
                insert.setString(3, kind);
                insert.setLong(4, atMillis);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records changes to the remote destinations this server added, in one transaction: each row is
     * {device, number, "add" or "remove"}, and of several changes of one destination the last counts. Committed, not
     * flushed to the file (docs/architecture.md, durability contract).
     */
    public void recordAddedDestinations(List<String[]> changes) {
        // the last change of each destination wins, so every delete can go before every insert: two JDBC batches
        java.util.Map<String, String[]> last = new java.util.LinkedHashMap<>();
        changes.forEach(c -> last.put(c[0] + "\u0000" + c[1], c));
        Database.Work<Void> work = c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ts_added_destination WHERE device_name = ? AND dest_number = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO ts_added_destination (device_name, dest_number) VALUES (?, ?)")) {
                for (String[] change : last.values()) {
                    delete.setString(1, change[0]);
                    delete.setString(2, change[1]);
                    delete.addBatch();
                    if (change[2].equals("add")) {
                        insert.setString(1, change[0]);
                        insert.setString(2, change[1]);
                        insert.addBatch();
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
            }
            return null;
        };
        database.inTransaction("record " + changes.size() + " added destination changes", work);
    }

    /** The remote destinations this server added and has not removed, as device and number pairs. */
    public List<String[]> addedDestinations() {
        return database.inTransaction("load added destinations", c -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT device_name, dest_number FROM ts_added_destination ORDER BY device_name, dest_number");
                    java.sql.ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return rows;
        });
    }

    /** Writes the agents of DNs: a null document removes the DN's agent. In one transaction. */
    public void recordAgents(java.util.Map<String, String> byDn) {
        database.inTransaction("record " + byDn.size() + " agent changes", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ts_agent WHERE dn = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO ts_agent (dn, agent_json) VALUES (?, ?)")) {
                for (java.util.Map.Entry<String, String> change : byDn.entrySet()) {
                    delete.setString(1, change.getKey());
                    delete.executeUpdate();
                    if (change.getValue() != null) {
                        insert.setString(1, change.getKey());
                        insert.setString(2, change.getValue());
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** The stored agents, as JSON documents. */
    public List<String> agents() {
        return database.inTransaction("load agents", c -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT agent_json FROM ts_agent ORDER BY dn");
                    java.sql.ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        });
    }

    /** Forgets every stored agent. */
    public void clearAgents() {
        database.inTransaction("clear agents", c -> c.prepareStatement("DELETE FROM ts_agent").executeUpdate());
    }
}
