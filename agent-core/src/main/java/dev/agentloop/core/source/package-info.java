/**
 * Repository mode's SPI: a {@link dev.agentloop.core.source.Source} on a {@link dev.agentloop.core.Task} opens a
 * private {@link dev.agentloop.core.source.WorkingCopy} the run edits, and turns its final state into a
 * {@link dev.agentloop.core.source.Handoff} (a branch with one commit, and the patch).
 */
package dev.agentloop.core.source;
