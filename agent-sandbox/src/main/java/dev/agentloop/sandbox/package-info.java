/** agentloop sandbox. */
package dev.agentloop.sandbox;
