package io.tandem.app;

import io.tandem.client.ClientOptions;
import io.tandem.client.EventListener;
import io.tandem.client.RequestFailedException;
import io.tandem.client.TandemClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.protocol.codec.DecodeResult;
import io.tandem.protocol.codec.MessageDecoder;
import io.tandem.protocol.codec.MessageEncoder;
import io.tandem.protocol.codec.ProtocolLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tandem client}: connect to a CTI server, optionally register a DN (with a remote destination),
 * print every event as a JSON line, and take commands on standard input.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Connect to a CTI server and watch events.",
            "Commands on standard input:",
            "  register DN [REMOTE_DEST [REMOTE_NAME]] | unregister DN",
            "  make DN TO | answer DN CONNID | release DN CONNID | hold DN CONNID | retrieve DN CONNID",
            "  redirect DN CONNID TO | clear DN CONNID | mutetransfer DN CONNID TO | deleteparty DN CONNID PARTY | deletepair DN CONNID KEY",
            "  login DN AGENTID [PASSWORD] | ready DN | notready DN [REASON] | logout DN",
            "  dnd DN on|off | forward DN TO | forward DN off | route RP CONNID TO | reject RP CONNID",
            "  record DN CONNID start|stop|pause|resume",
            "  monitor SUPERVISOR_DN AGENT_DN [mute|coach|connect] | unmonitor SUPERVISOR_DN AGENT_DN | coach SUPERVISOR_DN on|off",
            "  userevent DN KEY=VALUE[,KEY=VALUE...] | queryserver | registerall [ADDRESS_TYPE]",
            "  send JSON | quit"})
final class ClientCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "CTI server (default: ${DEFAULT-VALUE})")
    String server = "localhost:7000";

    @Option(names = "--app", paramLabel = "NAME", description = "ApplicationName (default: ${DEFAULT-VALUE})")
    String application = "tandem-cli";

    @Option(names = "--password", paramLabel = "PW", description = "Password, when the server requires one")
    String password;

    @Option(names = "--tls", description = "connect over TLS, verifying the server's certificate (the JDK's trusted CAs unless --tls-ca)")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "over TLS, trust the certificates in this file (implies --tls)")
    java.nio.file.Path tlsCa;

    @Option(names = "--register", paramLabel = "DN", description = "register this DN after connecting")
    String register;

    @Option(names = "--remote-dest", paramLabel = "NUMBER", description = "with --register: extend the remote terminal to this number")
    String remoteDest;

    @Option(names = "--remote-name", paramLabel = "NAME", description = "with --remote-dest: the remote destination's name")
    String remoteName;

    @Option(names = "--keep-alive", paramLabel = "MS",
            description = "dead-peer detection both ways: poll after MS milliseconds without traffic (default: off)")
    Long keepAlive;

    @Option(names = "--keep-alive-timeout", paramLabel = "MS", description = "with --keep-alive: how long a poll's answer may take (default: the interval)")
    Long keepAliveTimeout;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final MessageEncoder encoder = new MessageEncoder();
    private volatile boolean quitting;

    @Override
    public Integer call() throws Exception {
        int colon = server.lastIndexOf(':');
        String host = server.substring(0, colon);
        int port = Integer.parseInt(server.substring(colon + 1));
        ClientOptions options = (tls || tlsCa != null ? ClientOptions.tls(host, port, application, tlsCa) : ClientOptions.tcp(host, port, application))
                .withPassword(password);
        if (keepAlive != null) {
            options = options.withKeepAlive(java.time.Duration.ofMillis(keepAlive),
                    java.time.Duration.ofMillis(keepAliveTimeout != null ? keepAliveTimeout : keepAlive));
        }
        CountDownLatch gone = new CountDownLatch(1);
        try (TandemClient client = TandemClient.connectUnregistered(options)) {
            client.addListener(new EventListener() {
                @Override
                public void onEvent(Message event) {
                    out.println(encoder.encodeToString(event));
                }

                @Override
                public void onDisconnected(String reason) {
                    if (!quitting) {
                        System.err.println("disconnected: " + reason);
                    }
                    gone.countDown();
                }
            });
            client.request(Message.builder(MessageType.REQUEST_REGISTER_CLIENT)
                    .put(Attribute.APPLICATION_NAME, application)
                    .putIfPresent(Attribute.PASSWORD, password)
                    .putIfPresent(Attribute.EXTENSIONS, options.keepAliveExtensions())
                    .build()).join();
            if (register != null) {
                register(client, register, remoteDest, remoteName);
            }
            quitting = readCommands(client, gone);
        }
        return quitting ? 0 : 1;
    }

    /** {@code KEY=VALUE[,KEY=VALUE...]} as a key-value list of strings. */
    private static java.util.concurrent.CompletableFuture<Message> forward(TandemClient client, String dn, String to) {
        return "off".equals(to) ? client.cancelForward(dn) : client.forwardAll(dn, to);
    }

    private static boolean onOff(String word) {
        return switch (word) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("say on or off, not '" + word + "'");
        };
    }

    static io.tandem.protocol.KeyValueList pairs(String text) {
        java.util.Map<String, Object> entries = new java.util.LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not KEY=VALUE");
            }
            entries.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new io.tandem.protocol.KeyValueList(entries);
    }

    /** Reads commands until quit (true) or until the server disconnects (false). */
    private boolean readCommands(TandemClient client, CountDownLatch gone) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while (gone.getCount() > 0 && (line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+", 4);
            try {
                switch (words[0]) {
                    case "" -> { }
                    case "quit", "exit" -> {
                        return true;
                    }
                    case "register" -> register(client, words[1], words.length > 2 ? words[2] : null,
                            words.length > 3 ? words[3] : null);
                    case "unregister" -> client.unregisterAddress(words[1]);
                    case "make" -> client.request(callRequest(MessageType.REQUEST_MAKE_CALL, words[1])
                            .put(Attribute.OTHER_DN, words[2]).build());
                    case "answer" -> client.request(onCall(MessageType.REQUEST_ANSWER_CALL, words));
                    case "release" -> client.request(onCall(MessageType.REQUEST_RELEASE_CALL, words));
                    case "hold" -> client.request(onCall(MessageType.REQUEST_HOLD_CALL, words));
                    case "retrieve" -> client.request(onCall(MessageType.REQUEST_RETRIEVE_CALL, words));
                    case "redirect" -> client.redirectCall(words[1], words[2], words[3]);
                    case "clear" -> client.clearCall(words[1], words[2]);
                    case "mutetransfer" -> client.muteTransfer(words[1], words[2], words[3]);
                    case "deleteparty" -> client.deleteFromConference(words[1], words[2], words[3]);
                    case "deletepair" -> client.deletePair(words[1], words[2], words[3]);
                    case "login" -> client.agentLogin(words[1], words[2], words.length > 3 ? words[3] : null);
                    case "ready" -> client.agentReady(words[1]);
                    case "notready" -> client.agentNotReady(words[1], words.length > 2 ? words[2] : null);
                    case "logout" -> client.agentLogout(words[1]);
                    case "dnd" -> client.setDnd(words[1], onOff(words[2]));
                    case "route" -> client.routeCall(words[1], words[2], words[3]);
                    case "record" -> client.record(words[1], words[2], words[3]);
                    case "monitor" -> client.monitor(words[1], words[2], words.length > 3 ? words[3] : "mute", false);
                    case "unmonitor" -> client.cancelMonitoring(words[1], words[2]);
                    case "coach" -> client.coach(words[1], onOff(words[2]));
                    case "reject" -> client.rejectRoute(words[1], words[2]);
                    case "forward" -> forward(client, words[1], words[2]);
                    case "userevent" -> client.distributeUserEvent(words[1], pairs(line.trim().split("\\s+", 3)[2]));
                    case "queryserver" -> client.queryServer();
                    case "registerall" -> client.registerAll(words.length > 1 ? words[1] : null);
                    case "send" -> send(client, line.trim().substring(4).trim());
                    default -> System.err.println("unknown command '" + words[0] + "'; see ./tandem client --help");
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                System.err.println("missing argument for '" + words[0] + "'");
            } catch (IllegalArgumentException e) {
                System.err.println(words[0] + ": " + e.getMessage());
            }
        }
        gone.await();
        return false;
    }

    private static Message.Builder callRequest(MessageType type, String dn) {
        return Message.builder(type).put(Attribute.THIS_DN, dn);
    }

    private static Message onCall(MessageType type, String[] words) {
        return callRequest(type, words[1]).put(Attribute.CONN_ID, words[2]).build();
    }

    private static void register(TandemClient client, String dn, String dest, String name) {
        KeyValueList extensions = KeyValueList.EMPTY;
        if (dest != null) {
            extensions = KeyValueList.ofStrings("REMOTE_DEST", dest);
            if (name != null) {
                extensions = extensions.with("REMOTE_NAME", name);
            }
        }
        client.registerAddress(dn, extensions).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (!(cause instanceof RequestFailedException)) {
                System.err.println("register " + dn + " failed: " + cause);
            }
            return null;
        });
    }

    private static void send(TandemClient client, String json) {
        DecodeResult result = new MessageDecoder(ProtocolLimits.DEFAULT).decode(json.getBytes(StandardCharsets.UTF_8));
        if (result instanceof DecodeResult.Decoded decoded) {
            client.request(decoded.message());
        } else {
            System.err.println("not a valid message: " + ((DecodeResult.Malformed) result).problem());
        }
    }
}
