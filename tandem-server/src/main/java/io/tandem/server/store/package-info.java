/** The CTI server's database tables. */
package io.tandem.server.store;
