package io.tandem.ucm.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.ucm.EmbeddedSwitch;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The REST routes of the switch control API under {@code /api/switch}; docs/switch-api.md describes them. */
public final class SwitchControlApi {

    private SwitchControlApi() {
    }

    /**
     * The access decision of the standalone switch's control API: HTTP Basic credentials of one of the switch's
     * application users (as CUCM's AXL API takes an application user's), for reads and changes alike.
     */
    public static Router.Authorizer applicationUsers(EmbeddedSwitch sw) {
        return (exchange, access) -> io.tandem.common.http.BasicCredentials.of(exchange)
                .map(c -> sw.checkApplicationUser(c.user(), c.password()))
                .orElse(CompletableFuture.completedFuture(false))
                .thenApply(ok -> ok ? java.util.Optional.<HttpReply>empty() : java.util.Optional.of(HttpReply.error(401,
                        "send HTTP Basic credentials of one of the switch's application users")));
    }

    /** The routes for {@code sw}, counting nothing. */
    public static Router routes(EmbeddedSwitch sw) {
        return routes(sw, new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
    }

    /**
     * The routes for {@code sw}, including the Extension Mobility API, whose operations and errors are
     * counted into {@code registry}.
     */
    public static Router routes(EmbeddedSwitch sw, io.micrometer.core.instrument.MeterRegistry registry) {
        sw.registerMetrics(registry);
        Router router = new Router().addAll(io.tandem.ucm.em.EmServiceApi.routes(sw, registry));
        router.add("GET", "/api/switch/devices", x -> reply(sw.devices()));
        router.add("GET", "/api/switch/devices/{name}", x -> reply(sw.device(x.param("name"))));
        router.add("POST", "/api/switch/devices/{name}/out-of-service", x -> reply(sw.setInService(x.param("name"), false)));
        router.add("POST", "/api/switch/devices/{name}/in-service", x -> reply(sw.setInService(x.param("name"), true)));
        router.add("POST", "/api/switch/devices/{name}/dnd-on", x -> reply(sw.setDoNotDisturb(x.param("name"), true)));
        router.add("POST", "/api/switch/devices/{name}/dnd-off", x -> reply(sw.setDoNotDisturb(x.param("name"), false)));
        router.add("GET", "/api/switch/devices/{name}/configuration",
                x -> emReply(sw.withExtensionMobility(em -> em.configuration(x.param("name")))));
        router.add("GET", "/api/switch/calls", x -> reply(sw.calls()));
        router.add("POST", "/api/switch/calls", x -> {
            JsonNode body = x.jsonBody();
            return reply(sw.placeCall(x.requiredField(body, "from"), x.requiredField(body, "to")));
        });
        router.add("POST", "/api/switch/parties/{number}/answer", x -> reply(sw.answer(x.param("number"))));
        router.add("POST", "/api/switch/parties/{number}/hangup", x -> reply(sw.hangUp(x.param("number"))));
        router.add("GET", "/api/switch/links", x -> reply(sw.openLinks()));
        router.add("GET", "/api/switch/route-points", x -> reply(sw.routePoints()));
        router.add("GET", "/api/switch/recordings", x -> reply(sw.recordings()));
        router.add("GET", "/api/switch/monitorings", x -> reply(sw.monitorings()));
        return router;
    }

    private static CompletableFuture<HttpReply> reply(CompletableFuture<?> result) {
        return result.handle((value, error) -> {
            if (error == null) {
                return HttpReply.ok(value);
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof java.util.concurrent.RejectedExecutionException busy) {
                return HttpReply.json(503, Map.of("error", "the switch is busy: " + busy.getMessage(), "code", "BUSY"));
            }
            SwitchException se = SwitchException.unwrap(error);
            return HttpReply.json(statusFor(se.error()), Map.of("error", se.getMessage(), "code", se.error().name()));
        });
    }

    private static CompletableFuture<HttpReply> emReply(CompletableFuture<?> result) {
        return result.handle((value, error) -> {
            if (error == null) {
                return HttpReply.ok(value);
            }
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (cause instanceof io.tandem.ucm.em.EmException em) {
                return HttpReply.json(em.error() == io.tandem.ucm.em.EmError.DEVICE_NOT_FOUND ? 404 : 409,
                        Map.of("error", em.getMessage(), "code", em.error().name()));
            }
            return HttpReply.error(500, String.valueOf(cause));
        });
    }

    private static int statusFor(SwitchError error) {
        return switch (error) {
            case DEVICE_NOT_FOUND -> 404;
            case INVALID_ARGUMENT -> 409;
            case INTERNAL -> 500;
            default -> 422;
        };
    }
}
