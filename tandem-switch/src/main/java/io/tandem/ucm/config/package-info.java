/** The {@code switch:} section of the configuration file: what CUCM would hold in its database. */
package io.tandem.ucm.config;
