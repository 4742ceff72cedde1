/**
 * Client requests: checking them, carrying them out, and answering each with its event or with an
 * EventError that names the problem. Nothing is changed by a request that is refused.
 */
package io.tandem.server.request;
