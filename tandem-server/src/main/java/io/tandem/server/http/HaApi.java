package io.tandem.server.http;

import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api/ha/switchover}: the operator's switchover. On the primary of a pair with a backup
 * following, it steps down and the backup takes over (200); anywhere else 409 with the reason.
 */
public final class HaApi {

    private HaApi() {
    }

    /** The routes. */
    public static Router routes(java.util.function.Supplier<java.util.concurrent.CompletableFuture<String>> switchover) {
        return new Router().add("POST", "/api/ha/switchover", x -> switchover.get()
                .thenApply(result -> HttpReply.ok(Map.of("result", result)))
                .exceptionally(e -> HttpReply.error(409, (e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)
                        .getMessage())));
    }
}
