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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code console}: what the web console asks while people use it, against a server with {@code terminals}
 * remote terminals: W workers in a closed loop alternately fetch a random page of 50 remote terminals and
 * search for a random terminal's DN, through the admin API with HTTP Basic credentials.
 */
public final class ConsoleScenario {

    private ConsoleScenario() {
    }

    /** Runs for {@code duration} after {@code warmup}. */
    public static BenchResult run(ServerUnderTest target, int terminals, int workers, Duration duration, JitWarmup warmup)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://" + target.host() + ":" + target.httpPort() + "/api/admin/dns";
        String auth = "Basic " + Base64.getEncoder().encodeToString((LoadConfig.CONSOLE_USER + ":bench").getBytes(StandardCharsets.UTF_8));
        Latencies page = new Latencies();
        Latencies search = new Latencies();
        AtomicLong errors = new AtomicLong();
        warmup.run(length -> loop(http, base, auth, terminals, workers, length, new Latencies(), new Latencies(), errors));
        errors.set(0);
        long requests = loop(http, base, auth, terminals, workers, duration, page, search, errors);
        return new BenchResult("console").put("terminals", terminals).put("workers", workers).put("errors", errors.get())
                .put("requestsPerSecond", Math.round(requests / (duration.toMillis() / 1000.0)))
                .putAll("page.", page.summary()).putAll("search.", search.summary());
    }

    private static long loop(HttpClient http, String base, String auth, int terminals, int workers, Duration duration,
            Latencies page, Latencies search, AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong requests = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int offset = ThreadLocalRandom.current().nextInt(Math.max(1, terminals / 50)) * 50;
                    get(http, base + "?terminals=true&offset=" + offset + "&limit=50", auth, page, errors);
                    String dn = LoadConfig.terminal(ThreadLocalRandom.current().nextInt(terminals));
                    get(http, base + "?terminals=true&search=" + URLEncoder.encode(dn, StandardCharsets.UTF_8), auth, search, errors);
                    requests.addAndGet(2);
                }
            }, "bench-console");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return requests.get();
    }

    private static void get(HttpClient http, String uri, String auth, Latencies latencies, AtomicLong errors) {
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies.record(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                errors.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            errors.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
