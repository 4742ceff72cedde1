package io.tandem.ucm.em;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.HttpServer;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.control.SwitchControlApi;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Extension Mobility API over real HTTP, with Cisco's request documents and exact response documents. */
class EmServiceApiTest {

    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String SUCCESS = DECL + "<response><success/></response>";
    private static final String APP = "<appInfo><appID>appid</appID><appCertificate>apppasswd</appCertificate></appInfo>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final HttpClient http = HttpClient.newHttpClient();
    private SwitchConfig config;
    private Database db;
    private EmbeddedSwitch sw;
    private HttpServer server;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/em-test.yaml")) {
            config = SwitchFixtures.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "em-test.yaml");
        }
        boot();
    }

    private void boot() throws Exception {
        db = Database.open(DatabaseSettings.h2File(dir, "em"), "test");
        sw = EmbeddedSwitch.start(config, db);
        server = HttpServer.start("127.0.0.1", 0, SwitchControlApi.routes(sw, metrics).authorizer(SwitchControlApi.applicationUsers(sw)), Optional.empty(), group, group);
    }

    private void shutDown() {
        server.close();
        sw.close();
        db.close();
    }

    @AfterEach
    void stop() {
        shutDown();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** POSTs {@code xml} URL-encoded in the form field, as Cisco documents it; returns the body (status must be 200). */
    private String post(String xml) throws Exception {
        return send(HttpRequest.newBuilder(uri("/emservice/EMServiceServlet"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build());
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String login(String device, String user, String profile) {
        return "<request>" + APP + "<login><deviceName>" + device + "</deviceName><userID>" + user + "</userID>"
                + (profile == null ? "" : "<deviceProfile>" + profile + "</deviceProfile>") + "</login></request>";
    }

    private static String logout(String device) {
        return "<request>" + APP + "<logout><deviceName>" + device + "</deviceName></logout></request>";
    }

    private static String failure(int code, String text) {
        return DECL + "<response><failure><error code=\"" + code + "\">" + text + "</error></failure></response>";
    }

    private JsonNode configuration(String device) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/switch/devices/" + device + "/configuration")).header("Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString("appid:apppasswd".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Test
    void ciscosLoginDocumentWithASameModelProfileAppliesItWhole() throws Exception {
        String cisco = "<request><appInfo><appID>appid</appID><appCertificate>apppasswd</appCertificate></appInfo>"
                + "<login><deviceName>SEP003094C25B15</deviceName><userID>john</userID>"
                + "<deviceProfile>UserDevProf</deviceProfile>"
                + "<exclusiveDuration><time>60</time></exclusiveDuration></login></request>";
        assertThat(post(cisco)).isEqualTo(SUCCESS);
        JsonNode c = configuration("SEP003094C25B15");
        assertThat(c.get("userId").asText()).isEqualTo("john");
        assertThat(c.get("profile").asText()).isEqualTo("UserDevProf");
        assertThat(c.get("lines").toString()).isEqualTo("[\"8001\"]");
        JsonNode s = c.get("settings");
        assertThat(s.get("lineSetting").asText()).isEqualTo("john line");
        assertThat(s.get("speedDials").toString()).isEqualTo("[{\"number\":\"0611111111\",\"label\":\"Home\"}]");
        assertThat(s.get("services").toString()).isEqualTo("[\"Voicemail\"]");
        assertThat(s.get("holdAudioSource").asText()).isEqualTo("3");
        assertThat(s.get("locale").asText()).isEqualTo("French France");
        assertThat(s.get("phoneButtonTemplate").asText()).isEqualTo("Standard 7960");
        assertThat(s.get("softkeyTemplate").asText()).isEqualTo("John softkeys");
        assertThat(s.get("addOnModules").toString()).isEqualTo("[\"7914\"]");

        assertThat(post(logout("SEP003094C25B15"))).isEqualTo(SUCCESS);
        JsonNode after = configuration("SEP003094C25B15");
        assertThat(after.get("userId").isNull()).isTrue();
        assertThat(after.get("profile").asText()).as("the logout profile is back").isEqualTo("LogoutProf-7960");
        assertThat(after.get("lines").toString()).isEqualTo("[\"6001\"]");
        assertThat(after.get("settings").get("phoneButtonTemplate").asText()).isEqualTo("Lobby");
    }

    @Test
    void aProfileForAnotherModelGetsTheDefaultProfileAndOnlyTheDeviceIndependentSettings() throws Exception {
        assertThat(post(login("SEP000000007905", "john", null))).isEqualTo(SUCCESS);
        JsonNode c = configuration("SEP000000007905");
        assertThat(c.get("model").asText()).isEqualTo("Cisco 7905");
        assertThat(c.get("userId").asText()).isEqualTo("john");
        assertThat(c.get("lines").toString()).as("DN configuration is copied").isEqualTo("[\"8001\"]");
        JsonNode s = c.get("settings");
        assertThat(s.get("lineSetting").asText()).as("line setting for this device is withheld").isEqualTo("7905 default line");
        assertThat(s.get("speedDials").toString()).isEqualTo("[{\"number\":\"0611111111\",\"label\":\"Home\"}]");
        assertThat(s.get("holdAudioSource").asText()).isEqualTo("3");
        assertThat(s.get("locale").asText()).isEqualTo("French France");
        assertThat(s.get("services").toString()).as("the user's services, since the profile has some").isEqualTo("[\"Voicemail\"]");
        assertThat(s.get("phoneButtonTemplate").asText()).isEqualTo("Standard 7905");
        assertThat(s.get("softkeyTemplate").asText()).isEqualTo("Standard User");
        assertThat(s.get("addOnModules").toString()).as("add-on modules come from the default profile").isEqualTo("[]");

        assertThat(post(logout("SEP000000007905"))).isEqualTo(SUCCESS);
        assertThat(post(login("SEP000000007905", "jane", null))).isEqualTo(SUCCESS);
        JsonNode jane = configuration("SEP000000007905").get("settings");
        assertThat(jane.get("services").toString()).as("no services in the user's profile: the default's").isEqualTo("[\"Default Directory\"]");
        assertThat(jane.get("locale").asText()).isEqualTo("English");
        assertThat(jane.get("speedDials").toString()).isEqualTo("[{\"number\":\"0622222222\",\"label\":\"0622222222\"}]");
    }

    @Test
    void everyApplicableErrorCodeComesFromItsSituation() throws Exception {
        assertThat(post("<request><appInfo><appID>appid</appID><appCertificate>wrong</appCertificate></appInfo>"
                + "<logout><deviceName>SEP003094C25B15</deviceName></logout></request>"))
                .isEqualTo(failure(3, "Could not authenticate 'appid'"));
        assertThat(post(login("SEPNOSUCHDEVICE", "john", null))).isEqualTo(failure(11, "device 'SEPNOSUCHDEVICE' does not exist"));
        assertThat(post(login("SEP000000000001", "john", null)))
                .isEqualTo(failure(22, "Extension Mobility is not enabled on device SEP000000000001"));
        assertThat(post(login("SEP003094C25B49", "nobody", null))).isEqualTo(failure(23, "user 'nobody' does not exist"));
        assertThat(post(login("SEP003094C25B49", "john", "NoSuchProfile")))
                .isEqualTo(failure(12, "device profile 'NoSuchProfile' does not exist for user 'john'"));
        assertThat(post(login("SEP003094C25B49", "jane", null))).isEqualTo(failure(12,
                "profile 'JaneProf' is for a Cisco 8845 and there is no default device profile for the phone's model Cisco 7960"));
        assertThat(post(login("SEP003094C25B49", "em%40cisco.com", null)))
                .isEqualTo(failure(12, "user 'em@cisco.com' has several device profiles and no default; name one"));
        assertThat(post(logout("SEP003094C25B49"))).isEqualTo(failure(19, "no user is logged in to SEP003094C25B49"));
        assertThat(post(logout("SEP000000000001"))).isEqualTo(failure(5, "Extension Mobility is not enabled on device SEP000000000001"));

        assertThat(post(login("SEP003094C25B49", "john", "JohnAlt"))).isEqualTo(SUCCESS);
        assertThat(post(login("SEP003094C25B49", "jane", null))).isEqualTo(failure(18, "user 'john' is logged in to SEP003094C25B49"));
        assertThat(post(login("SEP003094C25B15", "john", null)))
                .isEqualTo(failure(25, "user 'john' is logged in to SEP003094C25B49 and multiple logins are not allowed"));
        assertThat(configuration("SEP003094C25B15").get("userId").isNull()).as("nothing half-applied").isTrue();

        String plain = "<request><appInfo><appID>plainapp</appID><appCertificate>plain</appCertificate></appInfo>"
                + "<login><deviceName>SEP000000007905</deviceName><userID>jane</userID></login></request>";
        assertThat(post(plain)).isEqualTo(failure(10, "'plainapp' lacks Extension Mobility proxy rights to act for 'jane'"));
        String asJohn = "<request><appInfo><appID>john</appID><appCertificate>1234</appCertificate></appInfo>"
                + "<logout><deviceName>SEP003094C25B49</deviceName></logout></request>";
        assertThat(post(asJohn)).as("an end user may act for themselves").isEqualTo(SUCCESS);
        String johnForJane = "<request><appInfo><appID>john</appID><appCertificate>1234</appCertificate></appInfo>"
                + "<login><deviceName>SEP000000008845</deviceName><userID>jane</userID></login></request>";
        assertThat(post(johnForJane)).isEqualTo(failure(10, "'john' lacks Extension Mobility proxy rights to act for 'jane'"));

        assertThat(post("<query>" + APP + "<whoIsThere/></query>")).isEqualTo(failure(8, "Query type undetermined"));
        assertThat(post("<request>" + APP + "<login><deviceName>x")).startsWith(DECL + "<response><failure><error code=\"1\">Error on Parsing");
    }

    @Test
    void hostileXmlIsRefusedWithCode1WithoutReadingAnything() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE request [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<request>" + APP + "<login><deviceName>&x;</deviceName><userID>john</userID></login></request>";
        String answer = post(xxe);
        assertThat(answer).startsWith(DECL + "<response><failure><error code=\"1\">Error on Parsing").doesNotContain("root:");
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><query>" + APP + "<checkUser><userID>&c;</userID></checkUser></query>";
        assertThat(post(bomb)).startsWith(DECL + "<response><failure><error code=\"1\">");
        String huge = "<query>" + APP + "<checkUser>" + "<userID>x</userID>".repeat(5000) + "</checkUser></query>";
        assertThat(post(huge)).isEqualTo(failure(1, "Error on Parsing: the document is larger than 65536 bytes"));
    }

    @Test
    void queriesAnswerInTheShapesRealClientsParse() throws Exception {
        assertThat(post("<query>" + APP + "<deviceUserQuery><deviceName>SEP003094C25B15</deviceName>"
                + "<deviceName>SEPUNKNOWN</deviceName></deviceUserQuery></query>"))
                .isEqualTo(DECL + "<response><deviceUserResults><device name=\"SEP003094C25B15\"><none/><emccDevice>no</emccDevice></device>"
                        + "<device name=\"SEPUNKNOWN\"><doesNotExist/></device></deviceUserResults></response>");
        assertThat(post(login("SEP003094C25B15", "em%40cisco.com", "EM-SCCP-Profile-7970"))).isEqualTo(SUCCESS);
        assertThat(post("<query>" + APP + "<deviceUserQuery><deviceName>SEP003094C25B15</deviceName></deviceUserQuery></query>"))
                .isEqualTo(DECL + "<response><deviceUserResults><device name=\"SEP003094C25B15\"><userID>em%40cisco.com</userID><none/>"
                        + "<emccDevice>no</emccDevice></device></deviceUserResults></response>");
        assertThat(post(logout("SEP003094C25B15"))).isEqualTo(SUCCESS);
        assertThat(post(login("SEP003094C25B15", "john", null))).isEqualTo(SUCCESS);
        assertThat(post("<query>" + APP + "<deviceUserQuery><deviceName>SEP003094C25B15</deviceName></deviceUserQuery></query>"))
                .isEqualTo(DECL + "<response><deviceUserResults><device name=\"SEP003094C25B15\"><userID>john</userID>"
                        + "<lastlogin>em%40cisco.com</lastlogin><emccDevice>no</emccDevice></device></deviceUserResults></response>");

        assertThat(post("<query>" + APP + "<userDevicesQuery><userID>john</userID><userID>jane</userID><userID>ghost</userID>"
                + "</userDevicesQuery></query>"))
                .isEqualTo(DECL + "<response><userDevicesResults><user id=\"john\"><deviceName>SEP003094C25B15</deviceName></user>"
                        + "<user id=\"jane\"><none/></user><user id=\"ghost\"><doesNotExist/></user></userDevicesResults></response>");

        String profiles = DECL + "<response><deviceProfileResults><user id=\"em%40cisco.com\">"
                + "<deviceProfile><deviceProfileName>EM-SCCP-7975-Profile</deviceProfileName><isDefaultDeviceProfile>f</isDefaultDeviceProfile></deviceProfile>"
                + "<deviceProfile><deviceProfileName>EM-SCCP-Profile-7970</deviceProfileName><isDefaultDeviceProfile>f</isDefaultDeviceProfile></deviceProfile>"
                + "</user></deviceProfileResults></response>";
        assertThat(post("<query>" + APP + "<userDeviceProfileQuery><userID>em%40cisco.com</userID></userDeviceProfileQuery></query>"))
                .isEqualTo(profiles);
        assertThat(post("<query>" + APP + "<deviceProfileQuery><userID>em%40cisco.com</userID></deviceProfileQuery></query>"))
                .isEqualTo(profiles);
        assertThat(post("<query>" + APP + "<checkUser><userID>john</userID><userID>ghost</userID></checkUser></query>"))
                .isEqualTo(DECL + "<response><checkUserResults><user id=\"john\"><exists/></user><user id=\"ghost\"><doesNotExist/></user>"
                        + "</checkUserResults></response>");
    }

    @Test
    void unencodedFormBodiesAndGetAreAcceptedAndLogoutAllEndsEveryLogin() throws Exception {
        String raw = send(HttpRequest.newBuilder(uri("/emservice/EMServiceServlet"))
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + login("SEP003094C25B15", "john", null))).build());
        assertThat(raw).isEqualTo(SUCCESS);
        String viaGet = send(HttpRequest.newBuilder(uri("/emservice/EMServiceServlet?xml="
                + URLEncoder.encode(login("SEP000000008845", "jane", null), StandardCharsets.UTF_8))).GET().build());
        assertThat(viaGet).isEqualTo(SUCCESS);
        assertThat(post("<request>" + APP + "<logoutAll></logoutAll></request>")).isEqualTo(SUCCESS);
        assertThat(configuration("SEP003094C25B15").get("userId").isNull()).isTrue();
        assertThat(configuration("SEP000000008845").get("userId").isNull()).isTrue();
        String noField = send(HttpRequest.newBuilder(uri("/emservice/EMServiceServlet")).POST(HttpRequest.BodyPublishers.ofString("foo=bar")).build());
        assertThat(noField).isEqualTo(failure(1, "Error on Parsing: no xml form field"));
    }

    @Test
    void loginsSurviveARestartOfTheSwitch() throws Exception {
        assertThat(post(login("SEP003094C25B15", "john", null))).isEqualTo(SUCCESS);
        shutDown();
        boot();
        assertThat(configuration("SEP003094C25B15").get("userId").asText()).isEqualTo("john");
        assertThat(post(login("SEP003094C25B49", "john", null))).as("still logged in on the first phone").startsWith(
                DECL + "<response><failure><error code=\"25\">");
    }
    private double count(String name, String... tags) {
        var counter = metrics.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void operationsAndErrorsAreCountedByOperationAndErrorCode() throws Exception {
        assertThat(post(login("SEP003094C25B15", "john", null))).isEqualTo(SUCCESS);
        assertThat(post(login("SEP003094C25B49", "nobody", null))).isEqualTo(failure(23, "user 'nobody' does not exist"));
        assertThat(post(logout("SEP003094C25B49"))).isEqualTo(failure(19, "no user is logged in to SEP003094C25B49"));
        assertThat(post(logout("SEP003094C25B15"))).isEqualTo(SUCCESS);
        post("<query>" + APP + "<deviceUserQuery><deviceName>SEP003094C25B15</deviceName></deviceUserQuery></query>");
        post("<nonsense/>");

        assertThat(count("tandem.em.operations", "operation", "login", "result", "ok")).isEqualTo(1);
        assertThat(count("tandem.em.operations", "operation", "login", "result", "error")).isEqualTo(1);
        assertThat(count("tandem.em.errors", "operation", "login", "code", "23")).isEqualTo(1);
        assertThat(count("tandem.em.operations", "operation", "logout", "result", "ok")).isEqualTo(1);
        assertThat(count("tandem.em.errors", "operation", "logout", "code", "19")).isEqualTo(1);
        assertThat(count("tandem.em.operations", "operation", "query", "result", "ok")).isEqualTo(1);
        assertThat(count("tandem.em.operations", "operation", "unknown", "result", "error")).isEqualTo(1);
        assertThat(count("tandem.em.errors", "operation", "unknown", "code", "1")).isEqualTo(1);
    }
}
