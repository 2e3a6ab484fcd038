package dev.agentloop.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CLI's logging, set up in code (found by Logback through {@code META-INF/services}): JSON Lines in {@code
 * <agent.log.dir>/agent.log} (bin/agent sets the folder to the project's {@code logs/}; default {@code logs}),
 * rolled daily and at 20 MB, 14 days and 200 MB kept, at the level of {@code agent.log.level} (default INFO).
 * Nothing goes to the console: stdout carries results, stderr one-sentence errors.
 *
 * <p>In code rather than in logback.xml because parsing the XML was a large part of the start-up time of every
 * command that logs. {@code -Dlogback.configurationFile=...} still replaces it with a file of one's own.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** Libraries whose INFO lines say nothing a person needs. */
    private static final Map<String, Level> QUIET = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.github.dockerjava", Level.WARN,
            "org.apache.hc", Level.WARN,
            "ai.djl", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Path dir = Path.of(System.getProperty("agent.log.dir", "logs"));

        JsonLinesEncoder encoder = new JsonLinesEncoder();
        encoder.setContext(context);
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve("agent.log").toString());
        file.setEncoder(encoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("agent.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("20MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("agent.log.level", "INFO"), Level.INFO));
        root.addAppender(file);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
