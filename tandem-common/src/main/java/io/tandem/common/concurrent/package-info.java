/** Threads that own state: {@link io.tandem.common.concurrent.OwnerThread}, a single thread with a measured, bounded admission. */
package io.tandem.common.concurrent;
