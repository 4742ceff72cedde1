/**
 * Directory numbers the CTI server serves, the switch device behind each, and the DN service state rule:
 * a DN is in service when the switch link is up and its device is in service, and for a remote terminal
 * also extended to a remote destination.
 */
package io.tandem.server.dn;
