/** The CTI server's link to the switch: opening it, noticing when it drops, and opening it again. */
package io.tandem.server.link;
