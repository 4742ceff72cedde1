package io.tandem.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The one path normalization, and routes with their access (deny by default). */
class RouterTest {

    @Test
    void pathsAreNormalizedOnceAndTheSameWayForRoutingAndAccess() {
        assertThat(RequestPath.normalize("/api/admin/clients")).isEqualTo("/api/admin/clients");
        assertThat(RequestPath.normalize("//api//admin///clients/")).isEqualTo("/api/admin/clients");
        assertThat(RequestPath.normalize("/api/./admin/x/../clients")).isEqualTo("/api/admin/clients");
        assertThat(RequestPath.normalize("/api%2Fadmin%2fclients")).isEqualTo("/api/admin/clients");
        assertThat(RequestPath.normalize("/%61pi/admin")).isEqualTo("/api/admin");
        assertThat(RequestPath.normalize("/Console")).as("case is kept").isEqualTo("/Console");
        assertThat(RequestPath.normalize("/caf%C3%A9")).isEqualTo("/café");
        assertThat(RequestPath.normalize("/")).isEqualTo("/");
        for (String bad : new String[] {"/..", "/a/../../b", "/%ZZ", "/%4", "/%c0%ae", "/a%00b", "/a%5Cb", "relative"}) {
            assertThatThrownBy(() -> RequestPath.normalize(bad)).as(bad).isInstanceOf(HttpProblem.class)
                    .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> RequestPath.normalize("/" + "a".repeat(RequestPath.MAX_LENGTH + 1)))
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(414));
    }

    @Test
    void aRouteWithoutDeclaredAccessIsProtectedByItsMethodAndNothingPassesWithoutAnAuthorizer() {
        Router.Handler ok = x -> CompletableFuture.completedFuture(HttpReply.ok(Map.of()));
        Router router = new Router().add("GET", "/a", ok).add("POST", "/a", ok).add("GET", "/open", Access.PUBLIC, ok)
                .addCrossSite("POST", "/form", ok);
        assertThat(router.describeAccess()).containsExactly("GET /a VIEWER", "POST /a ADMIN", "GET /open PUBLIC", "POST /form PUBLIC");
        assertThat(router.match("POST", "/form").orElseThrow().crossSite()).isTrue();
        assertThat(router.match("GET", "/a").orElseThrow().crossSite()).isFalse();
        assertThatThrownBy(() -> router.match("DELETE", "/a")).isInstanceOf(HttpProblem.class)
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(405));
        assertThat(router.match("GET", "/nothing")).isEmpty();

        HttpExchange anyone = new HttpExchange("GET", "/a", Map.of(), Map.of(), new byte[0]);
        Optional<HttpReply> denied = router.refusal(anyone, Access.VIEWER).join();
        assertThat(denied).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(router.refusal(anyone, Access.PUBLIC).join()).isEmpty();
        router.authorizer((exchange, access) -> CompletableFuture.completedFuture(access == Access.ADMIN
                ? Optional.of(HttpReply.error(403, "admins only")) : Optional.empty()));
        assertThat(router.refusal(anyone, Access.VIEWER).join()).isEmpty();
        assertThat(router.refusal(anyone, Access.ADMIN).join()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
        assertThatThrownBy(() -> new Router().add("GET", "/x", ok).add("GET", "/x", ok).match("PUT", "/x"))
                .isInstanceOf(HttpProblem.class);
    }
}
