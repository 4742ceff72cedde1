/**
 * Extension Mobility on the embedded switch: users logging in to shared phones with their device profiles,
 * the resulting phone configuration, and the CUCM-compatible Extension Mobility API (XML over HTTP).
 * Owned by the switch thread.
 */
package io.tandem.ucm.em;
