/**
 * The {@code ./tandem} command line: the all-in-one server, the embedded switch alone, a CTI server on a
 * separate switch, and an operator client. It is the only layer that knows every other one.
 */
package io.tandem.app;
