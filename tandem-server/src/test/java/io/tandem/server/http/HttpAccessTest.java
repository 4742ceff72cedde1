package io.tandem.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.server.TandemHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One access decision per request, deny by default (security-probe D1, D2, D13): every route of the all-in-one
 * server is tried without credentials and as a read-only user, under path variants that a router might collapse.
 */
class HttpAccessTest {

    private static final String VIEWER = "Basic " + Base64.getEncoder().encodeToString("watcher:s3cret-viewer".getBytes(StandardCharsets.UTF_8));
    private static final List<String> PUBLIC = List.of(
            "GET /api/health", "GET /metrics", "POST /api/auth/login", "POST /api/auth/logout",
            "GET /api/auth/me", "GET /", "GET /console", "GET /console/index.html", "GET /console/app.js", "GET /console/style.css",
            "POST /emservice/EMServiceServlet", "GET /emservice/EMServiceServlet");

    private static TandemHarness t;

    @BeforeAll
    static void start() {
        t = TandemHarness.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static int port() {
        return t.server().httpPort();
    }

    /** Path variants that must route and be authorized as the path itself. */
    static List<String> variants(String path) {
        List<String> all = new ArrayList<>(List.of(path, "/" + path, path + "/", path.replaceFirst("/", "/./"),
                path.replaceFirst("^/([^/]+)/", "/$1//"), path.replaceFirst("^/([^/]+)/", "/$1%2F"),
                path.replaceFirst("^/([^/]+)/", "/$1/x/../"), path.replaceFirst("a", "%61")));
        return all;
    }

    @Test
    void onlyTheDocumentedRoutesArePublic() {
        List<String> publicRoutes = t.server().httpRoutes().stream().filter(r -> r.endsWith(" PUBLIC"))
                .map(r -> r.substring(0, r.length() - " PUBLIC".length())).toList();
        assertThat(publicRoutes).containsExactlyInAnyOrderElementsOf(PUBLIC);
        assertThat(t.server().httpRoutes()).contains("POST /api/ha/switchover ADMIN");
    }

    @Test
    void everyProtectedRouteRefusesAnonymousCallersUnderEveryPathVariant() throws Exception {
        int checked = 0;
        for (String route : t.server().httpRoutes()) {
            String[] parts = route.split(" ");
            if (parts[2].equals("PUBLIC")) {
                continue;
            }
            String path = parts[1].replaceAll("\\{[^}]+}", "X1");
            for (String variant : variants(path)) {
                RawHttp.Answer anonymous = RawHttp.send(port(), parts[0] + " " + variant + " HTTP/1.1\r\nContent-Type: application/json",
                        parts[0].equals("GET") ? null : "{}");
                assertThat(anonymous.status()).as(parts[0] + " " + variant + " without credentials").isEqualTo(401);
                checked++;
                if (parts[2].equals("ADMIN")) {
                    RawHttp.Answer viewer = RawHttp.send(port(), parts[0] + " " + variant + " HTTP/1.1\r\nAuthorization: " + VIEWER
                            + "\r\nContent-Type: application/json", "{}");
                    assertThat(viewer.status()).as(parts[0] + " " + variant + " as a read-only user").isEqualTo(403);
                }
            }
        }
        assertThat(checked).as("routes times variants").isGreaterThan(200);
    }

    @Test
    void theProbesReproductionsAreRefused() throws Exception {
        assertThat(RawHttp.send(port(), "GET //api/admin/clients HTTP/1.1", null).status()).isEqualTo(401);
        assertThat(RawHttp.send(port(), "POST //api/switch/devices/SEP000000006001/out-of-service HTTP/1.1", null).status()).isEqualTo(401);
        assertThat(RawHttp.send(port(), "POST /api//admin/phones/SEP000000006001/login HTTP/1.1\r\nContent-Type: application/json",
                "{\"user\":\"agent09\"}").status()).isEqualTo(401);
        assertThat(RawHttp.send(port(), "POST //api/admin/config/dns HTTP/1.1\r\nContent-Type: text/plain\r\nOrigin: http://evil.example",
                "{\"number\":\"9902\"}").status()).isIn(401, 403);
        assertThat(RawHttp.send(port(), "POST /api/ha/switchover HTTP/1.1\r\nContent-Type: text/plain\r\nOrigin: http://evil.example", "")
                .status()).isEqualTo(401);
        assertThat(RawHttp.send(port(), "POST /api/ha/switchover HTTP/1.1\r\nAuthorization: " + TandemHarness.OPS
                + "\r\nOrigin: http://evil.example", null).status()).as("an admin's browser on a hostile page").isEqualTo(403);
        assertThat(RawHttp.send(port(), "POST /api/ha/switchover HTTP/1.1", null).status()).isEqualTo(401);
        assertThat(t.device("SEP000000006001").get("inService").asBoolean()).as("nothing was changed").isTrue();
        assertThat(t.get("/api/admin/dns/9902").status()).isEqualTo(404);
    }

    @Test
    void changesFromBrowsersNeedTheSameOriginAndJson() throws Exception {
        String ops = "\r\nAuthorization: " + TandemHarness.OPS;
        RawHttp.Answer crossSite = RawHttp.send(port(), "POST /api/switch/devices/SEP000000006001/out-of-service HTTP/1.1" + ops
                + "\r\nOrigin: http://127.0.0.1:3000", null);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.text()).contains("cross-origin request refused: Origin http://127.0.0.1:3000");
        RawHttp.Answer plain = RawHttp.send(port(), "POST /api/admin/config/dns HTTP/1.1" + ops + "\r\nContent-Type: text/plain",
                "{\"number\":\"9903\"}");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.text()).contains("Content-Type: application/json");
        RawHttp.Answer sameOrigin = RawHttp.send(port(), "POST /api/switch/devices/SEP000000006001/out-of-service HTTP/1.1" + ops
                + "\r\nOrigin: http://127.0.0.1:" + port(), null);
        assertThat(sameOrigin.status()).isEqualTo(200);
        RawHttp.Answer back = RawHttp.send(port(), "POST /api/switch/devices/SEP000000006001/in-service HTTP/1.1" + ops, null);
        assertThat(back.status()).as("a tool sends no Origin").isEqualTo(200);
        RawHttp.Answer em = RawHttp.send(port(), "POST /emservice/EMServiceServlet HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nOrigin: http://em-tool.example", "xml=%3Cquery%3E%3C%2Fquery%3E");
        assertThat(em.status()).as("the EM API keeps taking CUCM's form posts from anywhere").isEqualTo(200);
    }

    @Test
    void webSocketUpgradesFromOtherOriginsAreRefused() throws Exception {
        String upgrade = "GET /cti HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        RawHttp.Answer evil = RawHttp.send(port(), upgrade + "\r\nOrigin: http://evil.example", null);
        assertThat(evil.status()).isEqualTo(403);
        RawHttp.Answer tool = RawHttp.send(port(), upgrade, null);
        assertThat(tool.status()).as("no Origin: not a browser page").isEqualTo(101);
    }

    @Test
    void malformedRequestsAreRefusedBeforeAnyRoute() throws Exception {
        RawHttp.Answer bigHeader = RawHttp.send(port(), "GET /api/health HTTP/1.1\r\nX-Big: " + "a".repeat(20_000), null);
        assertThat(bigHeader.status()).isEqualTo(431);
        RawHttp.Answer twoLengths = RawHttp.send(port(), "POST /api/auth/login HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 50",
                "{}");
        assertThat(twoLengths.status()).isEqualTo(400);
        assertThat(RawHttp.send(port(), "GET /api/../../etc/passwd HTTP/1.1", null).status()).isEqualTo(400);
        assertThat(RawHttp.send(port(), "GET /api/%ZZ HTTP/1.1", null).status()).isEqualTo(400);
        assertThat(RawHttp.send(port(), "GET /console/%c0%ae%c0%ae/x HTTP/1.1", null).status()).as("overlong UTF-8").isEqualTo(400);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        String text = RawHttp.send(port(), "GET /console/ HTTP/1.1", null).text().toLowerCase(java.util.Locale.ROOT);
        assertThat(text).contains("x-frame-options: deny", "x-content-type-options: nosniff",
                "content-security-policy: default-src 'self'", "frame-ancestors 'none'");
    }
}
