/**
 * The reference router ({@code ./tandem router}): a routing application built on the client library alone (it uses
 * nothing inside the server, and the build checks it). It routes each call at its route points to the longest-idle Ready
 * agent, queues it in a virtual queue while nobody is free, and sends it to an overflow DN after a maximum wait.
 */
package io.tandem.app.router;
