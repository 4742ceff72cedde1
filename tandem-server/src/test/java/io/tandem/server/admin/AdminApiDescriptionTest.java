package io.tandem.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tandem.common.http.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml describes exactly the routes of the admin and auth APIs: no more, no fewer. */
class AdminApiDescriptionTest {

    @Test
    void everyDescribedOperationIsARouteAndEveryRouteIsDescribed() throws Exception {
        JsonNode openApi = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "openapi.yaml").toFile());
        List<String> described = new ArrayList<>();
        openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        ConsoleAccess access = new ConsoleAccess(List.of(), Clock.systemUTC());
        AdminApi.CoreReader noCore = new AdminApi.CoreReader() {
            @Override
            public <T> CompletableFuture<T> read(java.util.function.Function<AdminView, T> query) {
                return CompletableFuture.failedFuture(new IllegalStateException("not called"));
            }

            @Override
            public long version() {
                return 0;
            }
        };
        Router routes = new Router().addAll(access.routes()).addAll(AdminApi.routes(access, noCore, Object::new, Optional.empty(), null));

        assertThat(described).containsExactlyInAnyOrderElementsOf(routes.describe());
    }
}
