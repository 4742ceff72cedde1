/**
 * Extend and connect: activating a remote terminal's remote destination for a client, tracking which
 * client controls it, and deactivating it when that client unregisters or disconnects. Operations on one
 * terminal run one at a time, in the order clients asked for them.
 */
package io.tandem.server.extend;
