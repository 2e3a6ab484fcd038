/**
 * The task service behind {@code agent serve}: a REST API with live events, Prometheus metrics, a dashboard, and a
 * job queue in PostgreSQL that any number of workers share.
 */
package dev.agentloop.server;
