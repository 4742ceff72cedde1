package io.tandem.server.admin;

import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web console's files, served from the classpath ({@code /console/} in this module's resources):
 * {@code GET /console/} gives the page ({@code /} redirects there), which logs in and then talks to the admin API.
 */
public final class ConsoleFiles {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private ConsoleFiles() {
    }

    /** The routes of the console's files. */
    public static Router routes() {
        Router router = new Router();
        byte[] index = read("index.html");
        router.publicGet("/", x -> new HttpReply(302, "text/plain; charset=utf-8", new byte[0]).withHeader("Location", "/console/"));
        router.publicGet("/console/", x -> file(index, FILES.get("index.html")));
        FILES.forEach((name, type) -> {
            byte[] body = read(name);
            router.publicGet("/console/" + name, x -> file(body, type));
        });
        return router;
    }

    private static HttpReply file(byte[] body, String type) {
        return new HttpReply(200, type, body).withHeader("Cache-Control", "no-cache");
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console file " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
