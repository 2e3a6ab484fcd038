package dev.agentloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code agent --version}: the version, the git commit it was built from, and the Java running it. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/agentloop-version.properties";

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a version line must never fail the command
        }
        String commit = value(p, "commit");
        if ("true".equals(p.getProperty("dirty"))) {
            commit += " (with local changes)";
        }
        return new String[] {
            "agent " + value(p, "version"),
            "commit " + commit + ", " + value(p, "commit-time"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }
}
