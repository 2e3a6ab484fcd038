/** Extension points of the sandbox: test runners for more languages. */
package dev.agentloop.sandbox.spi;
