/** Implementation details of agent-memory; nothing here is API. */
package dev.agentloop.memory.internal;
