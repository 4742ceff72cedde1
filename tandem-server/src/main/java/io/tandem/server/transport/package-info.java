/**
 * Client transports: JSON lines over TCP (frame decoder, then message decoder, then handler) and the same
 * JSON messages as WebSocket text frames. Both hand decoded frames to the core.
 */
package io.tandem.server.transport;
