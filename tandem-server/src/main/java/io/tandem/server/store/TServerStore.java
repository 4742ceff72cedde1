package io.tandem.server.store;

import io.tandem.common.db.Database;
import io.tandem.server.config.DnType;
import io.tandem.server.config.TServerConfig;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Stores the DNs this server serves. The configuration file is imported at each start. */
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

    /** The stored DNs in configuration order. */
    public List<TServerConfig.DnConfig> loadDns() {
        return database.inTransaction("load DNs", c -> {
            List<TServerConfig.DnConfig> dns = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT dn_number, dn_type FROM ts_dn ORDER BY seq");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    dns.add(new TServerConfig.DnConfig(rs.getString(1), DnType.parse(rs.getString(2)).orElseThrow()));
                }
            }
            return dns;
        });
    }
}
