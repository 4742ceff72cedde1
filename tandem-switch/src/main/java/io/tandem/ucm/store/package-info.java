/** The embedded switch's database: configuration imported from the file, and run-time state. */
package io.tandem.ucm.store;
