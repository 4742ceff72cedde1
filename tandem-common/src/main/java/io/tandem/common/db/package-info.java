/**
 * The database: a pooled JDBC data source (HikariCP) on embedded H2 or PostgreSQL, with versioned
 * schema migrations (Flyway), one migration set and history table per component.
 */
package io.tandem.common.db;
