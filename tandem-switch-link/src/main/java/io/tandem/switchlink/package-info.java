/**
 * The switch port: the call-level interface through which the CTI server uses a switch.
 *
 * <p>A {@link io.tandem.switchlink.SwitchConnector} opens a {@link io.tandem.switchlink.SwitchLink}, the
 * equivalent of a JTAPI provider opened with an application user's credentials: it sees the devices that
 * user controls, sends call-level verbs and receives {@link io.tandem.switchlink.SwitchEvent}s. The
 * embedded switch implements the port in-process and over TCP; a real CUCM adapter would implement the
 * same interface. This module depends on no other Tandem module.
 */
package io.tandem.switchlink;
