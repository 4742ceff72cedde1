package io.tandem.server.http;

import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import io.tandem.server.CtiCore;
import io.tandem.server.link.LinkState;
import io.tandem.server.request.ServerIdentity;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health}: 200 with the role and whether the switch link is up, once the server accepts clients. */
public final class HealthApi {

    private HealthApi() {
    }

    /** The route. */
    public static Router routes(CtiCore core, ServerIdentity identity) {
        return new Router().get("/api/health", x -> {
            CtiCore.Status status = core.status();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "up");
            body.put("server", identity.name());
            body.put("role", identity.role());
            body.put("version", identity.version());
            body.put("switchLink", status.linkState() == LinkState.UP ? "up" : "down");
            body.put("switchLinkState", status.linkState().name());
            body.put("clients", status.clients());
            return HttpReply.ok(body);
        });
    }
}
