package dev.agentloop.sandbox.internal;

import java.nio.charset.StandardCharsets;

/** Turns captured output bytes into text, ending it with a marker when the cap cut some of it. */
public final class OutputText {

    private OutputText() {}

    /** The kept bytes as UTF-8 (malformed sequences replaced), plus a marker naming how much was cut. */
    public static String of(byte[] kept, long dropped, String stream) {
        String text = new String(kept, StandardCharsets.UTF_8);
        return dropped > 0 ? text + marker(dropped, stream) : text;
    }

    public static String marker(long dropped, String stream) {
        return "\n[agentloop: " + dropped + " more bytes of " + stream + " were cut by the sandbox's output cap]\n";
    }
}
