/**
 * Calls as CTI clients see them: ConnIDs assigned by this server, UserData attached to calls, the
 * translation of switch call events into T-Library call events, and the call-control requests.
 */
package io.tandem.server.call;
