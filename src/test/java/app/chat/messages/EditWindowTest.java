package app.chat.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EditWindowTest {

    private static final Instant POSTED = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void withoutAWindowAMessageCanBeEditedAtAnyTime() {
        assertTrue(EditWindow.ofMinutes(0).allowsEditing(POSTED, POSTED.plus(Duration.ofDays(3650))));
    }

    @Test
    void aWindowAllowsEditingUntilItsEndAndNotAfter() {
        EditWindow fifteen = EditWindow.ofMinutes(15);
        assertTrue(fifteen.allowsEditing(POSTED, POSTED.plus(Duration.ofMinutes(15))));
        assertFalse(fifteen.allowsEditing(
                POSTED, POSTED.plus(Duration.ofMinutes(15)).plusMillis(1)));
    }

    @Test
    void aNegativeWindowIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> EditWindow.ofMinutes(-1));
    }

    @Test
    void anAuthorIsToldTheWindowInWords() {
        assertEquals("1 minute", EditWindow.ofMinutes(1).toString());
        assertEquals("15 minutes", EditWindow.ofMinutes(15).toString());
    }
}
