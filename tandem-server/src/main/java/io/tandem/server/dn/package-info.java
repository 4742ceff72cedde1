/**
 * Directory numbers the CTI server serves, the switch device behind each, and the DN service state rule:
 * a DN is in service when the switch link is up and its device is in service, and for a remote terminal
 * also extended to a remote destination. A remote terminal's state ({@code RemoteTerminal}: what the switch reports,
 * its controller, its queue of operations) lives here beside its DN; the extend package carries the operations out.
 */
package io.tandem.server.dn;
