/**
 * The audit trail SPI: every action the agent takes outside its sandbox (reading an issue, claiming it, pushing a
 * branch, opening a pull request, commenting, merging, a merge-policy decision), with who, what, when and the result.
 */
package dev.agentloop.core.audit;
