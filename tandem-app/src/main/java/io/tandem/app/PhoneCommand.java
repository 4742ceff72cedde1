package io.tandem.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./tandem phone}: play the people and phones of the embedded switch from a terminal, through its
 * control API (the same operations as docs/switch-api.md).
 */
@Command(name = "phone", mixinStandardHelpOptions = true,
        description = {"Play callers, mobiles and phones on the embedded switch (its control API).",
            "  call FROM TO       a network party FROM calls TO",
            "  answer AT          answer what rings at AT (a network number, remote destination or phone DN)",
            "  hangup AT          hang up at AT",
            "  calls | devices    list live calls or devices",
            "  out-of-service DEVICE | in-service DEVICE"})
final class PhoneCommand implements Callable<Integer> {

    @Option(names = "--api", paramLabel = "URL", description = "the switch's HTTP address (default: ${DEFAULT-VALUE})")
    String api = "http://localhost:8080";

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", description = "a console user on the all-in-one server (its control API is behind the console login), an application user"
            + " of the switch on a standalone ./tandem switch; default: $TANDEM_CONSOLE_USER")
    String user = System.getenv("TANDEM_CONSOLE_USER");

    @Parameters(index = "0", paramLabel = "ACTION", description = "call | answer | hangup | calls | devices | out-of-service | in-service")
    String action;

    @Parameters(index = "1..*", paramLabel = "ARG", arity = "0..2")
    java.util.List<String> args = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        HttpRequest request = switch (action) {
            case "call" -> post("/api/switch/calls", "{\"from\":\"" + arg(0) + "\",\"to\":\"" + arg(1) + "\"}");
            case "answer" -> post("/api/switch/parties/" + arg(0) + "/answer", "");
            case "hangup" -> post("/api/switch/parties/" + arg(0) + "/hangup", "");
            case "calls" -> get("/api/switch/calls");
            case "devices" -> get("/api/switch/devices");
            case "out-of-service" -> post("/api/switch/devices/" + arg(0) + "/out-of-service", "");
            case "in-service" -> post("/api/switch/devices/" + arg(0) + "/in-service", "");
            default -> throw new StartupException("unknown action '" + action + "'; see ./tandem phone --help", null);
        };
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StartupException("cannot reach the switch control API at " + api + ": " + e.getMessage(), e);
        }
        if (response.statusCode() == 401) {
            System.err.println("the switch control API at " + api + " needs credentials: --user NAME:PASSWORD (or TANDEM_CONSOLE_USER),"
                    + " a console user on the all-in-one server (the demo's admin:admin) or an application user on a standalone switch"
                    + " (the demo's tandem:tandem)");
            return 1;
        }
        if (response.statusCode() == 403) {
            System.err.println(response.body());
            return 1;
        }
        (response.statusCode() < 300 ? System.out : System.err).println(response.body());
        return response.statusCode() < 300 ? 0 : 1;
    }

    private String arg(int index) {
        if (args.size() <= index) {
            throw new StartupException("'" + action + "' needs " + (action.equals("call") ? "FROM and TO" : "an argument"), null);
        }
        return args.get(index);
    }

    private HttpRequest get(String path) {
        return ApiCredentials.authorized(HttpRequest.newBuilder(URI.create(api + path)).GET(), user).build();
    }

    private HttpRequest post(String path, String body) {
        return ApiCredentials.authorized(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user).build();
    }
}
