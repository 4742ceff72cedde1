/**
 * The Tandem CTI server: {@link io.tandem.server.TServer} starts the client transports, the HTTP port and
 * {@link io.tandem.server.CtiCore}, which owns all CTI state on one thread. The server uses the switch only
 * through the switch port ({@code io.tandem.switchlink}).
 */
package io.tandem.server;
