/**
 * A small HTTP server on Netty: JSON routes with path parameters, and one optional WebSocket endpoint.
 * Used for the health check, the switch control API and the client protocol over WebSocket.
 */
package io.tandem.common.http;
