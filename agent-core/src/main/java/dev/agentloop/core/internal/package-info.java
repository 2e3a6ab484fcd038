/** Implementation of the loop. Not API: nothing here is stable, and users never need to name these classes. */
package dev.agentloop.core.internal;
