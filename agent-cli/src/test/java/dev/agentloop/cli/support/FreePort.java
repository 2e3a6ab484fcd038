package dev.agentloop.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for tests of unreachable services. */
public final class FreePort {

    private FreePort() {}

    /** A port nothing listens on (it was free a moment ago and is closed again). */
    public static int closed() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
