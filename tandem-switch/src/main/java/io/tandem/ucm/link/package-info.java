/**
 * Links opened on the embedded switch: in-process {@link io.tandem.ucm.link.LinkSession}s and the TCP
 * {@link io.tandem.ucm.link.LinkServer} that serves them to CTI servers in other processes.
 */
package io.tandem.ucm.link;
