/**
 * The Tandem client protocol: T-Library message types, attributes, error codes and the immutable
 * {@link io.tandem.protocol.Message} value that travels between CTI clients and the server.
 *
 * <p>This is the lowest layer; it depends on no other Tandem module.
 */
package io.tandem.protocol;
