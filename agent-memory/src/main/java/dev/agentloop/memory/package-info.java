/** agentloop memory. */
package dev.agentloop.memory;
