/**
 * The embedded switch's model of CUCM: devices, their service state and remote destinations, and calls.
 *
 * <p>Everything here is owned by the switch thread: it is only touched from the single executor of
 * {@link io.tandem.ucm.EmbeddedSwitch}, so none of it is synchronized.
 */
package io.tandem.ucm.model;
