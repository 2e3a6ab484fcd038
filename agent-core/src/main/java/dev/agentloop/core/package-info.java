/** agentloop core. */
package dev.agentloop.core;
