/** The CTI server's HTTP routes: the health check. */
package io.tandem.server.http;
