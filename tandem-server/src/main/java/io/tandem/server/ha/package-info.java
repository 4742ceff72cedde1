/**
 * High availability: the primary-to-backup synchronization link. The primary tells its backup, over a
 * TCP connection of JSON lines, what only the primary knows about each extended remote terminal (the
 * REMOTE_DEST and REMOTE_NAME its controller asked for, and the controller's stable client identity): a
 * full synchronization after the backup announces itself, then every change. Both sides send heartbeats
 * and drop a silent connection; the backup reconnects and is synchronized in full again.
 */
package io.tandem.server.ha;
