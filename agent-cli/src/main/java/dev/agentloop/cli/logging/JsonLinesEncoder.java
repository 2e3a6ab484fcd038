package dev.agentloop.cli.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.agentloop.cli.output.JsonWriter;
import dev.agentloop.cli.progress.MdcListener;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes each log event as one line of JSON: {@code ts}, {@code level}, {@code task_id}, {@code iteration},
 * {@code phase} (from the MDC; {@code "-"} and {@code 0} outside a run), {@code logger} (abbreviated), {@code
 * thread}, {@code message} and, with an exception, {@code stack}.
 *
 * <p>Written by hand rather than with a JSON library on purpose: the encoder starts with the CLI, and loading a
 * JSON library there cost more start-up time than every command but a run can afford.
 */
public final class JsonLinesEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NONE = new byte[0];
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private int loggerNameLength = 36;
    private ZoneId zone = ZoneId.systemDefault();
    private TargetLengthBasedClassNameAbbreviator abbreviator;

    /** Logger names longer than this are abbreviated ({@code d.a.cli.AgentCli}); default 36. Set from logback.xml. */
    public void setLoggerNameLength(int value) {
        this.loggerNameLength = value;
    }

    /** The time zone of {@code ts}; default the system's. */
    public void setZone(String value) {
        this.zone = ZoneId.of(value);
    }

    @Override
    public void start() {
        abbreviator = new TargetLengthBasedClassNameAbbreviator(loggerNameLength);
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        StringBuilder out = new StringBuilder(256);
        out.append("{\"ts\":");
        JsonWriter.string(
                out, TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone)));
        out.append(",\"level\":");
        JsonWriter.string(out, event.getLevel().toString());
        out.append(",\"task_id\":");
        JsonWriter.string(out, mdc.getOrDefault(MdcListener.TASK_ID, "-"));
        out.append(",\"iteration\":").append(number(mdc.get(MdcListener.ITERATION)));
        out.append(",\"phase\":");
        JsonWriter.string(out, mdc.getOrDefault(MdcListener.PHASE, "-"));
        out.append(",\"logger\":");
        String logger = event.getLoggerName();
        JsonWriter.string(out, abbreviator == null ? logger : abbreviator.abbreviate(logger));
        out.append(",\"thread\":");
        JsonWriter.string(out, event.getThreadName());
        out.append(",\"message\":");
        JsonWriter.string(out, String.valueOf(event.getFormattedMessage()));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.append(",\"stack\":");
            JsonWriter.string(out, ThrowableProxyUtil.asString(error));
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    private static long number(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
