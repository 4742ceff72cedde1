/**
 * The Tandem Java client library: connect to a CTI server over TCP or WebSocket, send requests with
 * automatic ReferenceIDs and get futures completed by the answering event, and receive events.
 *
 * <pre>{@code
 * try (TandemClient client = TandemClient.connect(ClientOptions.tcp("localhost", 7000, "my-desktop"))) {
 *     client.addListener(event -> System.out.println(event));
 *     client.registerAddress("7001", KeyValueList.ofStrings("REMOTE_DEST", "0612345678")).join();
 * }
 * }</pre>
 */
package io.tandem.client;
