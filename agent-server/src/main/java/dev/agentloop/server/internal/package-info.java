/** The server's parts: storage, the queue and its workers, the HTTP API, metrics. Not an API: may change. */
package dev.agentloop.server.internal;
