/**
 * The switch link over TCP: JSON lines carrying {@link io.tandem.switchlink.wire.LinkFrame}s, and
 * {@link io.tandem.switchlink.wire.RemoteSwitchConnector}, the port adapter a CTI server uses to reach a
 * separately running embedded switch.
 */
package io.tandem.switchlink.wire;
