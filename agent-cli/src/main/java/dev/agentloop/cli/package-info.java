/** agentloop cli. */
package dev.agentloop.cli;
