/**
 * What the switch does with a DN's incoming calls before they ring it: Do Not Disturb (per device, CUCM's ringer-off or
 * call-reject) and Call Forward All (per DN, the only forwarding CUCM offers through CTI). The switch owns both; this
 * server follows them from the switch link ({@link io.tandem.server.divert.Diversions}: the DN snapshot's DND and
 * FORWARD, EventDNDOn/Off and EventForwardSet/Cancel to registered clients, whoever made the change) and asks the switch
 * for changes ({@link io.tandem.server.divert.DiversionRequests}). Nothing to replicate: a backup hears the same switch.
 */
package io.tandem.server.divert;
