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

/** {@code ./tandem ha}: operate a primary/backup pair through a server's HTTP API. */
@Command(name = "ha", mixinStandardHelpOptions = true,
        description = {"Operate a primary/backup pair.",
            "  switchover   the primary steps down and its backup takes over (send it to the primary)",
            "  status       the server's role, sync state and switchover figures"})
final class HaCommand implements Callable<Integer> {

    @Option(names = "--api", paramLabel = "URL", description = "the CTI server's HTTP address (default: ${DEFAULT-VALUE})")
    String api = "http://localhost:8080";

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "a console user with the admin role, for switchover; default: $TANDEM_CONSOLE_USER")
    String user = System.getenv("TANDEM_CONSOLE_USER");

    @Parameters(index = "0", paramLabel = "ACTION", description = "switchover | status")
    String action;

    @Override
    public Integer call() throws Exception {
        HttpRequest request = switch (action) {
            case "switchover" -> ApiCredentials.authorized(HttpRequest.newBuilder(URI.create(api + "/api/ha/switchover")), user)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            case "status" -> HttpRequest.newBuilder(URI.create(api + "/api/health")).GET().build();
            default -> throw new StartupException("unknown action '" + action + "'; see ./tandem ha --help", null);
        };
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StartupException("cannot reach the CTI server's HTTP API at " + api + ": " + e.getMessage(), e);
        }
        (response.statusCode() < 300 ? System.out : System.err).println(response.body());
        if (response.statusCode() == 401) {
            System.err.println("a switchover needs a console user with the admin role: --user NAME:PASSWORD (or TANDEM_CONSOLE_USER)");
        }
        return response.statusCode() < 300 ? 0 : 1;
    }
}
