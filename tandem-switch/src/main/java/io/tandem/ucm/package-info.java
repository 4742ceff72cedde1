/**
 * The embedded switch: a model of Cisco Unified CM that is Tandem's default backend and its test double
 * for CUCM. {@link io.tandem.ucm.EmbeddedSwitch} starts it from configuration and a database, opens
 * links to it (the switch port) and exposes the control operations tests and demos use to play people
 * and phones.
 */
package io.tandem.ucm;
