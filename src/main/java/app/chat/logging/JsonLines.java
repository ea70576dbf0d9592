package app.chat.logging;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes each log record as one JSON object on one line, with the same fields on every server:
 * {@code time}, {@code level}, {@code logger}, {@code event}, {@code message}, the notice's own
 * fields, and {@code error} (plus {@code stack} for server faults) when an exception is attached.
 */
public final class JsonLines extends Formatter {

    private final JsonGeneratorFactory generators = JsonProvider.provider().createGeneratorFactory(Map.of());

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = generators.createGenerator(line)) {
            json.writeStartObject()
                    .write("time", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()))
                    .write("level", record.getLevel().getName())
                    .write("logger", String.valueOf(record.getLoggerName()));
            if (record instanceof Notice.NoticeRecord noticed) {
                Notice notice = noticed.notice();
                json.write("event", notice.event()).write("message", notice.text());
                notice.fields().forEach((field, value) -> write(json, field, value));
            } else {
                json.write("event", "log").write("message", formatMessage(record));
            }
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                json.write("error", thrown.toString());
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    StringWriter stack = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(stack));
                    json.write("stack", stack.toString());
                }
            }
            json.writeEnd();
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static void write(JsonGenerator json, String field, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.write(field, ((Number) value).longValue());
        } else if (value instanceof Number number) {
            json.write(field, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            json.write(field, flag);
        } else if (value instanceof Map<?, ?> nested) {
            json.writeStartObject(field);
            nested.forEach((key, inner) -> write(json, String.valueOf(key), inner));
            json.writeEnd();
        } else {
            json.write(field, String.valueOf(value));
        }
    }
}
