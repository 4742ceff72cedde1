package io.tandem.server.http;

import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import io.tandem.server.link.LinkState;
import io.tandem.server.request.ServerIdentity;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health}: 200 with the role and whether the switch link is up, once the server accepts clients. */
public final class HealthApi {

    private HealthApi() {
    }

    /** What the report reads from the core (its status, as of the last change). */
    public interface Source {
        /** The switch link's state. */
        LinkState linkState();

        /** Connected clients. */
        int clients();

        /** The pair membership. */
        io.tandem.server.ha.SyncLinkStatus ha();
    }

    /** The pair membership: role, sync state, peer, figures. */
    static Map<String, Object> ha(io.tandem.server.ha.SyncLinkStatus s) {
        Map<String, Object> ha = new LinkedHashMap<>();
        ha.put("role", s.role().wireName());
        ha.put("syncState", s.state().name());
        ha.put("peer", s.peer());
        ha.put("syncPort", s.syncPort());
        ha.put("backupsFollowing", s.backupsFollowing());
        ha.put("controlledTerminals", s.terminals());
        ha.put("replicated", s.replicated());
        ha.put("sequence", s.sequence());
        ha.put("lastFullSyncAt", s.lastFullSyncAt());
        ha.put("syncLagMs", s.lagMillis());
        ha.put("lastProblem", s.lastProblem());
        ha.put("holdsPrimaryRole", s.holdsPrimaryRole());
        ha.put("switchovers", s.switchovers());
        ha.put("lastSwitchoverAt", s.lastSwitchoverAt());
        ha.put("lastSwitchoverMs", s.lastSwitchoverMillis());
        return ha;
    }

    /** The route. */
    public static Router routes(Source core, ServerIdentity identity) {
        return new Router().publicGet("/api/health", x -> HttpReply.ok(report(core, identity)));
    }

    /** The health report: server, role, version, switch link, clients, HA, JVM. */
    public static Map<String, Object> report(Source core, ServerIdentity identity) {
        LinkState link = core.linkState();
        io.tandem.server.ha.SyncLinkStatus pair = core.ha();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "up");
        body.put("server", identity.name());
        body.put("role", pair.role().wireName());
        body.put("version", identity.version());
        body.put("switchLink", link == LinkState.UP ? "up" : "down");
        body.put("switchLinkState", link.name());
        body.put("clients", core.clients());
        body.put("ha", ha(pair));
        body.put("jvm", io.tandem.common.metrics.JvmFigures.now());
        return body;
    }
}
