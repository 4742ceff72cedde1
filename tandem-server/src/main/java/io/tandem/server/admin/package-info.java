/**
 * The operator side of the CTI server: who may log in to the web console and the admin REST API
 * ({@link io.tandem.server.admin.ConsoleAccess}), what they see ({@link io.tandem.server.admin.AdminView},
 * read on the core thread), the routes ({@link io.tandem.server.admin.AdminApi}), the live feed that tells an
 * open console what changed ({@link io.tandem.server.admin.LiveFeed}), and the console's own files.
 */
package io.tandem.server.admin;
