/**
 * What every listening port shares: connection limits (global and per address) and deadlines for connections
 * that have not yet shown who they are.
 */
package io.tandem.common.net;
