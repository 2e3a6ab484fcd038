/** What the server needs from its host: the agents that run tasks, and health checks for their dependencies. */
package dev.agentloop.server.spi;
