/**
 * Configuration files as a tree of nodes that remember their line, so that every configuration error
 * names the file, the line and the problem.
 */
package io.tandem.common.config;
