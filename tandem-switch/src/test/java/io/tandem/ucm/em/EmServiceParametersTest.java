package io.tandem.ucm.em;

import static io.tandem.ucm.em.EmSwitch.SUCCESS;
import static io.tandem.ucm.em.EmSwitch.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extension Mobility service parameters: automatic logout, multiple logins, and the concurrency limit. */
class EmServiceParametersTest {

    private static String config(String parameters) {
        return """
                extension-mobility:
                %s
                end-users:
                  - {id: u1}
                  - {id: u2}
                  - {id: u3}
                application-users:
                  - {id: appid, password: apppasswd, em-proxy: true}
                device-profiles:
                  - {name: P1, user: u1, model: Cisco 7960, lines: ["8001"]}
                  - {name: P2, user: u2, model: Cisco 7960, lines: ["8002"]}
                  - {name: P3, user: u3, model: Cisco 7960, lines: ["8003"]}
                devices:
                  - {name: SEP1, type: phone, model: Cisco 7960, lines: ["6001"], extension-mobility: true}
                  - {name: SEP2, type: phone, model: Cisco 7960, lines: ["6002"], extension-mobility: true}
                  - {name: SEP3, type: phone, model: Cisco 7960, lines: ["6003"], extension-mobility: true}
                """.formatted(parameters.indent(2).stripTrailing());
    }

    @TempDir
    Path dir;

    @Test
    void exclusiveDurationAndTheMaximumLoginTimeLogUsersOutOnTime() throws Exception {
        try (EmSwitch em = new EmSwitch(config("maximum-login-time: \"0:30\""), dir)) {
            assertThat(em.post(login("SEP1", "u1", "<exclusiveDuration><time>5</time></exclusiveDuration>"))).isEqualTo(SUCCESS);
            assertThat(em.post(login("SEP2", "u2", ""))).isEqualTo(SUCCESS);
            assertThat(em.post(login("SEP3", "u3", "<exclusiveDuration><indefinite/></exclusiveDuration>"))).isEqualTo(SUCCESS);
            em.clock.advance(Duration.ofMinutes(4));
            em.expireNow();
            assertThat(em.user("SEP1")).as("4 of 5 minutes").isEqualTo("u1");
            em.clock.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(5)).until(() -> em.user("SEP1") == null);
            assertThat(em.user("SEP2")).isEqualTo("u2");
            em.clock.advance(Duration.ofMinutes(25));
            await().atMost(Duration.ofSeconds(5)).until(() -> em.user("SEP2") == null);
            em.clock.advance(Duration.ofDays(7));
            em.expireNow();
            assertThat(em.user("SEP3")).as("indefinite").isEqualTo("u3");
            assertThat(em.post(login("SEP1", "u1", "<exclusiveDuration><time>soon</time></exclusiveDuration>")))
                    .contains("<error code=\"7\">cannot set the automatic logout");
        }
    }

    @Test
    void loginsAndPendingAutomaticLogoutsSurviveACrash() throws Exception {
        try (EmSwitch em = new EmSwitch(config("maximum-concurrent-requests: 5"), dir)) {
            assertThat(em.post(login("SEP1", "u1", "<exclusiveDuration><time>10</time></exclusiveDuration>"))).isEqualTo(SUCCESS);
            assertThat(em.post(login("SEP2", "u2", "<exclusiveDuration><time>60</time></exclusiveDuration>"))).isEqualTo(SUCCESS);
            em.shutDown();
            em.clock.advance(Duration.ofMinutes(30));
            em.boot();
            await().atMost(Duration.ofSeconds(5)).until(() -> em.user("SEP1") == null);
            assertThat(em.user("SEP2")).as("still 30 minutes to go").isEqualTo("u2");
            em.clock.advance(Duration.ofMinutes(31));
            await().atMost(Duration.ofSeconds(5)).until(() -> em.user("SEP2") == null);
        }
    }

    @Test
    void multipleLoginBehaviors() throws Exception {
        try (EmSwitch em = new EmSwitch(config("multiple-login-behavior: allowed"), dir)) {
            assertThat(em.post(login("SEP1", "u1", ""))).isEqualTo(SUCCESS);
            assertThat(em.post(login("SEP2", "u1", ""))).isEqualTo(SUCCESS);
            assertThat(em.post("<query>" + EmSwitch.APP + "<userDevicesQuery><userID>u1</userID></userDevicesQuery></query>"))
                    .contains("<user id=\"u1\"><deviceName>SEP1</deviceName><deviceName>SEP2</deviceName></user>");
        }
        try (EmSwitch em = new EmSwitch(config("multiple-login-behavior: auto-logout"), dir.resolve("auto"))) {
            assertThat(em.post(login("SEP1", "u1", ""))).isEqualTo(SUCCESS);
            assertThat(em.post(login("SEP2", "u1", ""))).isEqualTo(SUCCESS);
            assertThat(em.user("SEP1")).as("logged out of the first phone").isNull();
            assertThat(em.user("SEP2")).isEqualTo("u1");
        }
    }

    @Test
    void requestsBeyondTheConcurrentLimitWaitInTheQueueThenFailWith26() throws Exception {
        String params = "maximum-concurrent-requests: 1\nrequest-queue: 1\nphone-reset-ms: 600";
        try (EmSwitch em = new EmSwitch(config(params), dir)) {
            CompletableFuture<String> first = em.postAsync(login("SEP1", "u1", ""));
            await().atMost(Duration.ofSeconds(5)).until(() -> em.gauge("tandem.em.requests.active") == 1);
            CompletableFuture<String> second = em.postAsync(login("SEP2", "u2", ""));
            await().atMost(Duration.ofSeconds(5)).until(() -> em.gauge("tandem.em.requests.queued") == 1);
            CompletableFuture<String> third = em.postAsync(login("SEP3", "u3", ""));
            assertThat(third.join()).contains("<error code=\"26\">Busy, please try again</error>");
            assertThat(List.of(first.join(), second.join())).containsOnly(SUCCESS);
            assertThat(em.user("SEP3")).as("the refused login changed nothing").isNull();
            assertThat(em.post("<query>" + EmSwitch.APP + "<checkUser><userID>u3</userID></checkUser></query>"))
                    .as("queries are not limited").contains("<exists/>");
        }
    }
}
