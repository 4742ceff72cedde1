/**
 * The CTI core: client sessions, event distribution, and {@link io.tandem.server.core.CtiCore}, which runs
 * all CTI state on one thread ("cti-core") so that each piece of state has exactly one owner.
 */
package io.tandem.server.core;
