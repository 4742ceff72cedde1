/** The {@code tserver:} section of the configuration file: what the Genesys configuration layer would hold. */
package io.tandem.server.config;
