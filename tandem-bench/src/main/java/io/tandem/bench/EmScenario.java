package io.tandem.bench;

import io.tandem.process.LoadConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code em}: W workers, each owning its share of P phones, log user e{i} in to phone i and out again through
 * the Extension Mobility HTTP API, in a closed loop. Every login and logout is persisted by the switch.
 */
public final class EmScenario {

    private EmScenario() {
    }

    /** Runs for {@code duration} after {@code warmup}. */
    public static BenchResult run(ServerUnderTest target, int workers, int phones, Duration duration, JitWarmup warmup)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://" + target.host() + ":" + target.httpPort() + "/emservice/EMServiceServlet");
        AtomicLong errors = new AtomicLong();
        Latencies[] latencies = {new Latencies()};
        AtomicLong operations = new AtomicLong();
        warmup.run(length -> run(http, uri, workers, phones, length, latencies[0], errors, new AtomicLong()));
        latencies[0] = new Latencies();
        errors.set(0);
        run(http, uri, workers, phones, duration, latencies[0], errors, operations);
        double seconds = duration.toMillis() / 1000.0;
        return new BenchResult("em").put("workers", workers).put("phones", phones)
                .put("operations", operations.get()).put("errors", errors.get())
                .put("operationsPerSecond", Math.round(operations.get() / seconds))
                .putAll("operation.", latencies[0].summary());
    }

    private static void run(HttpClient http, URI uri, int workers, int phones, Duration duration, Latencies latencies,
            AtomicLong errors, AtomicLong operations) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                int i = worker;
                while (System.nanoTime() < end) {
                    String phone = "SEP" + LoadConfig.phone(i);
                    call(http, uri, "<request>" + app() + "<login><deviceName>" + phone + "</deviceName><userID>e" + i
                            + "</userID></login></request>", latencies, errors, operations);
                    call(http, uri, "<request>" + app() + "<logout><deviceName>" + phone + "</deviceName></logout></request>",
                            latencies, errors, operations);
                    i += workers;
                    if (i >= phones) {
                        i = worker;
                    }
                }
            }, "bench-em");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String app() {
        return "<appInfo><appID>emapi</appID><appCertificate>emapi</appCertificate></appInfo>";
    }

    private static void call(HttpClient http, URI uri, String xml, Latencies latencies, AtomicLong errors, AtomicLong operations) {
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies.record(System.nanoTime() - t);
            operations.incrementAndGet();
            if (!r.body().contains("<success/>")) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }
}
