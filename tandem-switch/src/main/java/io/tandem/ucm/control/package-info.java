/**
 * The switch control API: REST routes on the switch's HTTP port through which tests, demos and the web
 * console play the people and phones (place, answer and hang up calls; put devices in and out of service).
 */
package io.tandem.ucm.control;
