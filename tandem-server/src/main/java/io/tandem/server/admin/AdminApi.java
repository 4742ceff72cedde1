package io.tandem.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.common.http.HttpExchange;
import io.tandem.common.http.HttpProblem;
import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import io.tandem.server.config.DnType;
import io.tandem.server.config.TServerConfig;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin REST API under {@code /api/admin} (see docs/admin-api.md): what the console shows and does.
 * Every route needs a logged-in console user; changes need the admin role ({@link ConsoleAccess#guard()}).
 */
public final class AdminApi {

    /** How many recordings {@code GET /api/admin/recordings/log} returns, newest first. */
    static final int RECORDING_LOG_ROWS = 500;

    /** Reads of the core's state, on the core thread. */
    public interface CoreReader {
        /** Runs {@code query} over the admin view on the core thread. */
        <T> CompletableFuture<T> read(Function<AdminView, T> query);

        /** A number that changes whenever what the console shows may have changed. */
        long version();
    }

    /** Adds and removes DNs at run time (persisted), see {@code CtiCore#addDn} and {@code CtiCore#removeDn}. */
    public interface DnConfigurator {
        CompletableFuture<AdminView.DnRow> add(TServerConfig.DnConfig dn);

        CompletableFuture<Void> remove(String number);
    }

    /** What a DN number may look like when added at run time. */
    static final java.util.regex.Pattern DN_NUMBER = java.util.regex.Pattern.compile("[A-Za-z0-9+*#._-]{1,64}");

    private AdminApi() {
    }

    private static CompletableFuture<HttpReply> agentAction(CoreReader core, String dn, Function<AdminView, Boolean> act, String done) {
        return core.read(act).thenApply(found -> {
            if (!found) {
                throw new HttpProblem(404, "no agent is logged in on DN " + dn);
            }
            return HttpReply.ok(java.util.Map.of("result", "the agent on DN " + dn + " was " + done));
        });
    }

    /**
     * The routes: {@code server} gives the server's own figures (from {@code server}), DNs, clients and calls
     * come from {@code core}, phones and run-time switch configuration from {@code switchConsole} when the switch is
     * embedded (the simulator is the switch's own control API, {@code /api/switch}).
     */
    public static Router routes(ConsoleAccess access, CoreReader core, Supplier<Object> server, Optional<SwitchConsole> switchConsole,
            DnConfigurator dns) {
        Router router = new Router();
        router.add("POST", "/api/admin/config/dns", x -> {
            JsonNode body = x.jsonBody();
            String number = x.requiredField(body, "number");
            if (!DN_NUMBER.matcher(number).matches()) {
                throw new HttpProblem(400, "DN '" + number + "' is not a directory number (1 to 64 of A-Z a-z 0-9 + * # . _ -)");
            }
            String typeName = body.hasNonNull("type") ? body.get("type").asText() : DnType.Extension.name();
            DnType type = DnType.parse(typeName).orElseThrow(() -> new HttpProblem(400, "unknown DN type '" + typeName + "' (allowed: "
                    + java.util.Arrays.stream(DnType.values()).map(Enum::name).collect(java.util.stream.Collectors.joining(", ")) + ")"));
            return answer(dns.add(new TServerConfig.DnConfig(number, type)));
        });
        router.add("DELETE", "/api/admin/config/dns/{dn}", x -> answer(dns.remove(x.param("dn"))
                .thenApply(v -> java.util.Map.of("result", "DN " + x.param("dn") + " removed"))));
        router.get("/api/admin/server", x -> HttpReply.ok(server.get()));
        DnSnapshots snapshots = new DnSnapshots(core);
        router.add("GET", "/api/admin/dns", x -> {
            String search = x.queryParam("search").orElse("");
            boolean terminals = flag(x, "terminals");
            boolean outOfService = flag(x, "outOfService");
            int offset = number(x, "offset", 0);
            int limit = number(x, "limit", 50);
            return snapshots.rows().thenApply(rows -> HttpReply.ok(AdminView.page(rows, search, terminals, outOfService, offset, limit)));
        });
        router.add("GET", "/api/admin/dns/{dn}", x -> core.read(v -> v.dn(x.param("dn"))).thenApply(row -> row == null
                ? HttpReply.error(404, "DN " + x.param("dn") + " is not configured on this server") : HttpReply.ok(row)));
        router.add("GET", "/api/admin/clients", x -> core.read(AdminView::clients).thenApply(HttpReply::ok));
        router.add("GET", "/api/admin/calls", x -> core.read(AdminView::calls).thenApply(HttpReply::ok));
        router.add("GET", "/api/admin/agents", x -> core.read(AdminView::agents).thenApply(HttpReply::ok));
        router.add("GET", "/api/admin/routing", x -> core.read(AdminView::routing).thenApply(HttpReply::ok));
        router.add("GET", "/api/admin/recordings", x -> core.read(AdminView::recordingsNow).thenApply(HttpReply::ok));
        router.add("GET", "/api/admin/monitorings", x -> core.read(AdminView::monitorings).thenApply(HttpReply::ok));
        router.add("POST", "/api/admin/calls/{connId}/recording", x -> {
            com.fasterxml.jackson.databind.JsonNode body = x.jsonBody();
            String dn = x.requiredField(body, "dn");
            String action = x.requiredField(body, "action");
            if (!action.equals("start") && !action.equals("stop")) {
                throw new HttpProblem(400, "action must be start or stop, not '" + action + "'");
            }
            return core.read(v -> v.record(x.param("connId"), dn, action.equals("start"))).thenCompose(f -> f)
                    .handle((ok, error) -> {
                        if (error == null) {
                            return HttpReply.ok(java.util.Map.of("result", "recording of " + dn + " on " + x.param("connId") + ": " + action));
                        }
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof io.tandem.server.core.CtiRequestException refused) {
                            return HttpReply.json(refused.code() == io.tandem.protocol.ErrorCode.INVALID_CONN_ID ? 404 : 409,
                                    java.util.Map.of("error", refused.getMessage(), "code", refused.code().code()));
                        }
                        if (cause instanceof io.tandem.switchlink.SwitchException refused) {
                            return HttpReply.json(409, java.util.Map.of("error", refused.getMessage(), "code",
                                    io.tandem.server.core.ErrorMapping.forSwitch(refused.error()).code()));
                        }
                        throw new java.util.concurrent.CompletionException(cause);
                    });
        });
        router.add("GET", "/api/admin/recordings/log", x -> core.read(AdminView::recordingLog)
                .thenCompose(log -> log.latest(RECORDING_LOG_ROWS)).thenApply(HttpReply::ok));
        router.add("POST", "/api/admin/agents/{dn}/logout", x -> agentAction(core, x.param("dn"), v -> v.logOutAgent(x.param("dn")), "logged out"));
        router.add("POST", "/api/admin/agents/{dn}/not-ready", x -> agentAction(core, x.param("dn"), v -> v.setAgentNotReady(x.param("dn")),
                "set Not Ready"));
        router.add("GET", "/api/admin/phones", x -> embedded(switchConsole).phones().thenApply(HttpReply::ok));
        router.add("POST", "/api/admin/phones/{device}/login", x -> {
            JsonNode body = x.jsonBody();
            String user = x.requiredField(body, "user");
            String profile = body.hasNonNull("profile") && !body.get("profile").asText().isBlank() ? body.get("profile").asText() : null;
            return answer(embedded(switchConsole).login(x.param("device"), user, profile));
        });
        router.add("POST", "/api/admin/phones/{device}/logout", x -> answer(embedded(switchConsole).logout(x.param("device"))));
        router.add("POST", "/api/admin/config/devices/{device}/remote-destinations", x -> {
            JsonNode body = x.jsonBody();
            String number = x.requiredField(body, "number");
            String name = body.hasNonNull("name") && !body.get("name").asText().isBlank() ? body.get("name").asText() : null;
            return answer(embedded(switchConsole).addRemoteDestination(x.param("device"), name, number));
        });
        router.add("DELETE", "/api/admin/config/devices/{device}/remote-destinations/{number}",
                x -> answer(embedded(switchConsole).removeRemoteDestination(x.param("device"), x.param("number"))));
        router.add("POST", "/api/admin/config/devices", x -> {
            JsonNode body = x.jsonBody();
            java.util.Map<String, String> rds = new java.util.LinkedHashMap<>();
            JsonNode list = body.get("remoteDestinations");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw new HttpProblem(400, "field 'remoteDestinations' must be a list of {\"number\", \"name\"}");
                }
                for (JsonNode rd : list) {
                    rds.put(x.requiredField(rd, "number"), text(rd, "name"));
                }
            }
            return answer(embedded(switchConsole).addDevice(new SwitchConsole.NewDevice(x.requiredField(body, "name"),
                    x.requiredField(body, "type"), text(body, "model"), text(body, "owner"), strings(body, "lines"),
                    body.path("extensionMobility").asBoolean(false), rds, strings(body, "controlledBy"))));
        });
        router.add("DELETE", "/api/admin/config/devices/{device}", x -> answer(embedded(switchConsole).removeDevice(x.param("device"))));
        router.add("POST", "/api/admin/config/users", x -> {
            JsonNode body = x.jsonBody();
            String id = x.requiredField(body, "id");
            Integer limit = body.hasNonNull("remoteDestinationLimit") ? positive(body, "remoteDestinationLimit") : null;
            return answer(embedded(switchConsole).addUser(id, text(body, "name"), body.path("mobility").asBoolean(false), limit,
                    text(body, "pin")));
        });
        router.add("DELETE", "/api/admin/config/users/{id}", x -> answer(embedded(switchConsole).removeUser(x.param("id"))));
        router.add("POST", "/api/admin/config/profiles", x -> {
            JsonNode body = x.jsonBody();
            return answer(embedded(switchConsole).addProfile(x.requiredField(body, "name"), x.requiredField(body, "user"),
                    x.requiredField(body, "model"), strings(body, "lines"), body.path("default").asBoolean(false), strings(body, "controlledBy")));
        });
        router.add("DELETE", "/api/admin/config/profiles/{name}", x -> answer(embedded(switchConsole).removeProfile(x.param("name"))));
        return router;
    }

    private static SwitchConsole embedded(Optional<SwitchConsole> switchConsole) {
        return switchConsole.orElseThrow(() -> new HttpProblem(404,
                "this server's switch is not embedded; phones and the simulator are on the switch's own HTTP port"));
    }

    /** Whether a database failure is behind {@code error} (its text is logged, never answered). */
    private static boolean fromTheDatabase(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof io.tandem.common.db.DatabaseException) {
                return true;
            }
        }
        return false;
    }

    private static CompletableFuture<HttpReply> answer(CompletableFuture<?> result) {
        return result.handle((value, error) -> {
            if (error == null) {
                return HttpReply.ok(value);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if ((cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) && !fromTheDatabase(cause)) {
                return HttpReply.error(409, cause.getMessage());
            }
            if (cause instanceof java.util.NoSuchElementException) {
                return HttpReply.error(404, cause.getMessage());
            }
            throw new CompletionException(cause);
        });
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) && !body.get(field).asText().isBlank() ? body.get(field).asText() : null;
    }

    private static int positive(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new HttpProblem(400, "field '" + field + "' must be a whole number of at least 0");
        }
        return value.asInt();
    }

    private static java.util.List<String> strings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.List.of();
        }
        if (!value.isArray()) {
            throw new HttpProblem(400, "field '" + field + "' must be a list of strings");
        }
        java.util.List<String> list = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new HttpProblem(400, "field '" + field + "' must be a list of non-empty strings");
            }
            list.add(item.asText());
        }
        return list;
    }

    private static boolean flag(HttpExchange x, String name) {
        return x.queryParam(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    private static int number(HttpExchange x, String name, int otherwise) {
        Optional<String> value = x.queryParam(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "query parameter '" + name + "' must be a whole number of at least 0, was '" + value.get() + "'");
        }
    }
}
