package app.chat.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static JsonObject formatted(LogRecord record) {
        String line = new JsonLines().format(record);
        assertTrue(line.endsWith(System.lineSeparator()), "one record, one line");
        assertEquals(1, line.strip().lines().count(), "one record, one line: " + line);
        return Json.createReader(new StringReader(line)).readObject();
    }

    /** The record a notice becomes, as a handler receives it. */
    private static LogRecord recordOf(Notice notice) {
        LogRecord[] published = new LogRecord[1];
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                published[0] = record;
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        notice.log(logger);
        return published[0];
    }

    @Test
    void aNoticeKeepsItsFieldsAsJsonFieldsOfTheirOwnType() {
        JsonObject line = formatted(recordOf(Notice.warning("requests.refused", "Requests were refused")
                .with("total", 42)
                .with("top_user", "alice")
                .with("by_reason", Map.of("reads", 40))));
        assertEquals("WARNING", line.getString("level"));
        assertEquals("requests.refused", line.getString("event"));
        assertEquals("Requests were refused", line.getString("message"));
        assertEquals(42, line.getInt("total"));
        assertEquals("alice", line.getString("top_user"));
        assertEquals(40, line.getJsonObject("by_reason").getInt("reads"));
        assertTrue(line.containsKey("time"));
    }

    @Test
    void aFieldCannotPassItselfOffAsOneOfTheCommonFields() {
        Notice started = Notice.info("chat.started", "Chat started");
        assertThrows(IllegalArgumentException.class, () -> started.with("level", "DEBUG"));
        assertThrows(IllegalArgumentException.class, () -> started.with("error", "hidden"));
    }

    @Test
    void textWithLineBreaksStaysOnOneLine() {
        JsonObject line =
                formatted(recordOf(Notice.info("connection.cut", "Cut").with("user", "eve\n{\"forged\":1}")));
        assertEquals("eve\n{\"forged\":1}", line.getString("user"));
    }

    @Test
    void aServerFaultCarriesItsErrorAndStackTrace() {
        LogRecord record = new LogRecord(Level.WARNING, "A request failed");
        record.setThrown(new IllegalStateException("boom"));
        JsonObject line = formatted(record);
        assertEquals("log", line.getString("event"));
        assertEquals("java.lang.IllegalStateException: boom", line.getString("error"));
        assertTrue(line.getString("stack").contains("JsonLinesTest"));
    }

    @Test
    void anInformationWithAnErrorHasNoStackTrace() {
        LogRecord record = new LogRecord(Level.INFO, "Closing a session that is already going away");
        record.setThrown(new SQLException("gone", "08006"));
        assertFalse(formatted(record).containsKey("stack"));
    }
}
