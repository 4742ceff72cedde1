package io.tandem.ucm.em;

import io.tandem.common.http.HttpExchange;
import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import io.tandem.ucm.config.SwitchConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.w3c.dom.Element;

/**
 * The Cisco Extension Mobility API at {@code /emservice/EMServiceServlet}: POST with a form field {@code xml}
 * (URL-encoded or not), or GET with {@code ?xml=}. Every request that reaches the service is answered with
 * HTTP 200 and an XML document; docs/extension-mobility.md gives the shapes.
 */
public final class EmServiceApi {

    /** The servlet path CUCM uses. */
    public static final String PATH = "/emservice/EMServiceServlet";
    /** The largest XML document accepted. */
    public static final int MAX_XML_BYTES = 64 * 1024;

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private EmServiceApi() {
    }

    /** The routes for {@code sw}, counting nothing. */
    public static Router routes(EmHost sw) {
        return routes(sw, new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
    }

    /** The routes for {@code sw}, counting operations and errors into {@code registry} (see {@link EmMetrics}). */
    public static Router routes(EmHost sw, io.micrometer.core.instrument.MeterRegistry registry) {
        EmAdmission admission = new EmAdmission(sw.withExtensionMobility(em -> em.config().emParameters()).join(), sw.scheduler());
        EmMetrics metrics = new EmMetrics(registry);
        io.micrometer.core.instrument.Gauge.builder("tandem.em.requests.active", admission::active)
                .description("EM login and logout operations running (each holds a slot until the phone has restarted)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("tandem.em.requests.queued", admission::queued)
                .description("EM login and logout operations waiting for a slot (bounded by request-queue)").register(registry);
        Router router = new Router();
        router.addCrossSite("POST", PATH, x -> handle(sw, admission, metrics, formXml(x)));
        router.addCrossSite("GET", PATH, x -> handle(sw, admission, metrics, x.queryParam("xml").orElse(null)));
        return router;
    }

    /** The XML from a POST body: {@code xml=<url-encoded>}, {@code xml=<raw xml>}, or a raw XML body. */
    private static String formXml(HttpExchange x) {
        String body = new String(x.body(), StandardCharsets.UTF_8).trim();
        if (body.startsWith("<")) {
            return body;
        }
        int start = body.startsWith("xml=") ? 4 : body.indexOf("&xml=") >= 0 ? body.indexOf("&xml=") + 5 : -1;
        if (start < 0) {
            return null;
        }
        String value = body.substring(start);
        if (value.contains("<")) {
            return value;
        }
        int end = value.indexOf('&');
        return URLDecoder.decode(end < 0 ? value : value.substring(0, end), StandardCharsets.UTF_8);
    }

    private static CompletableFuture<HttpReply> handle(EmHost sw, EmAdmission admission, EmMetrics metrics, String xml) {
        String operation = "unknown";
        try {
            if (xml == null || xml.isBlank()) {
                throw new EmException(EmError.PARSING, "Error on Parsing: no xml form field");
            }
            if (xml.getBytes(StandardCharsets.UTF_8).length > MAX_XML_BYTES) {
                throw new EmException(EmError.PARSING, "Error on Parsing: the document is larger than " + MAX_XML_BYTES + " bytes");
            }
            Element root = EmXml.parse(xml);
            String op = operationOf(root);
            operation = op;
            if (!root.getTagName().equals("request")) {
                return sw.withExtensionMobility(em -> perform(em, root)).handle((answer, error) -> error == null ? answered(metrics, op, answer)
                        : failed(metrics, op, unwrap(error)));
            }
            CompletableFuture<HttpReply> reply = new CompletableFuture<>();
            boolean admitted = admission.admit(() -> sw.withExtensionMobility(em -> perform(em, root))
                    .handle((answer, error) -> error == null ? answered(metrics, op, answer) : failed(metrics, op, unwrap(error)))
                    .thenCompose(admission::afterPhoneReset)
                    .whenComplete((answer, error) -> {
                        admission.release();
                        reply.complete(answer);
                    }));
            if (!admitted) {
                reply.complete(failed(metrics, op, new EmException(EmError.BUSY, "Busy, please try again")));
            }
            return reply;
        } catch (EmException e) {
            return CompletableFuture.completedFuture(failed(metrics, operation, e));
        }
    }

    /** login, logout or logoutAll for a request, query for a query, unknown for anything else. */
    private static String operationOf(Element root) {
        if (root.getTagName().equals("query")) {
            return "query";
        }
        for (String op : new String[] {"login", "logout", "logoutAll"}) {
            if (root.getTagName().equals("request") && EmXml.child(root, op).isPresent()) {
                return op;
            }
        }
        return "unknown";
    }

    private static HttpReply answered(EmMetrics metrics, String operation, String answer) {
        metrics.answered(operation, null);
        return xmlReply(answer);
    }

    private static HttpReply failed(EmMetrics metrics, String operation, EmException e) {
        metrics.answered(operation, e.error());
        return xmlReply(failure(e));
    }

    private static EmException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof EmException em ? em : new EmException(EmError.UNKNOWN, String.valueOf(cause));
    }

    private static HttpReply xmlReply(String document) {
        return new HttpReply(200, "text/xml; charset=utf-8", (DECLARATION + document).getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(EmException e) {
        return "<response><failure><error code=\"" + e.error().code() + "\">" + EmXml.escape(e.getMessage())
                + "</error></failure></response>";
    }

    /** Runs on the switch thread: authenticate, then carry out the request or answer the query. */
    private static String perform(ExtensionMobility em, Element root) {
        Element appInfo = EmXml.child(root, "appInfo").orElseThrow(() -> new EmException(EmError.PARSING,
                "Error on Parsing: <" + root.getTagName() + "> needs <appInfo>"));
        Caller caller = authenticate(em.config(), EmXml.required(appInfo, "appID"),
                EmXml.text(appInfo, "appCertificate").orElse(EmXml.text(appInfo, "appEncryptedCertificate").orElse("")));
        List<Element> operations = EmXml.children(root).stream().filter(e -> !e.getTagName().equals("appInfo")).toList();
        if (root.getTagName().equals("request")) {
            if (operations.size() != 1) {
                throw new EmException(EmError.PARSING, "Error on Parsing: <request> needs one of <login>, <logout>, <logoutAll>");
            }
            return request(em, caller, operations.get(0));
        }
        if (root.getTagName().equals("query")) {
            if (operations.isEmpty()) {
                throw new EmException(EmError.QUERY_TYPE_UNDETERMINED, "Query type undetermined");
            }
            return EmQueries.answer(em, operations.get(0));
        }
        throw new EmException(EmError.PARSING, "Error on Parsing: the document must be <request> or <query>, not <" + root.getTagName() + ">");
    }

    private static String request(ExtensionMobility em, Caller caller, Element op) {
        switch (op.getTagName()) {
            case "login" -> {
                String device = EmXml.required(op, "deviceName");
                String user = EmXml.decodeUserId(EmXml.required(op, "userID"));
                caller.mayActFor(user);
                Optional<Element> duration = EmXml.child(op, "exclusiveDuration");
                boolean indefinite = duration.flatMap(d -> EmXml.child(d, "indefinite")).isPresent();
                Integer minutes = indefinite ? null : duration.flatMap(d -> EmXml.text(d, "time")).map(EmServiceApi::minutes).orElse(null);
                em.login(device, user, EmXml.text(op, "deviceProfile").orElse(null), minutes, indefinite);
            }
            case "logout" -> {
                String device = EmXml.required(op, "deviceName");
                Optional<EmLogin> current = em.isPhone(device) ? em.loginOn(device) : Optional.empty();
                current.ifPresent(login -> caller.mayActFor(login.userId()));
                em.logout(device);
            }
            case "logoutAll" -> {
                caller.mayActFor(null);
                em.logoutAll();
            }
            default -> throw new EmException(EmError.PARSING, "Error on Parsing: unknown request <" + op.getTagName() + ">");
        }
        return "<response><success/></response>";
    }

    private static int minutes(String time) {
        try {
            int minutes = Integer.parseInt(time);
            if (minutes > 0 && minutes <= 168 * 60) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EmException(EmError.LOGOUT_REQUEST_ERROR, "cannot set the automatic logout: exclusiveDuration time must be a whole"
                + " number of minutes from 1 to 10080, got '" + time + "'");
    }

    /** Who is calling: an application user (with or without proxy rights) or an end user as themselves. */
    private record Caller(String appId, boolean proxy, String self) {
        void mayActFor(String userId) {
            if (proxy || (self != null && self.equals(userId))) {
                return;
            }
            throw new EmException(EmError.NO_PROXY_RIGHTS, "'" + appId + "' lacks Extension Mobility proxy rights"
                    + (userId == null ? "" : " to act for '" + userId + "'"));
        }
    }

    private static Caller authenticate(SwitchConfig config, String appId, String certificate) {
        for (SwitchConfig.ApplicationUser app : config.applicationUsers()) {
            if (app.id().equals(appId) && app.password().equals(certificate)) {
                return new Caller(appId, app.emProxy(), null);
            }
        }
        for (SwitchConfig.EndUser user : config.endUsers()) {
            if (user.id().equals(appId) && user.pin() != null && user.pin().equals(certificate)) {
                return new Caller(appId, false, appId);
            }
        }
        throw new EmException(EmError.INVALID_APP_USER, "Could not authenticate '" + appId + "'");
    }
}
