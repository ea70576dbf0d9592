package app.chat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {

    @Test
    void namesAreCaseInsensitiveAndStoredLowerCase() {
        assertEquals("general", RoomName.canonical("General"));
        assertEquals("ops-2_team", RoomName.canonical("OPS-2_team"));
    }

    @Test
    void acceptsOneToSixtyFourCharacters() {
        assertEquals("a", RoomName.canonical("a"));
        assertEquals("9".repeat(64), RoomName.canonical("9".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-general", "_x", "has space", "dot.ted", "ünïcode", "a/b", "x\n"})
    void refusesNamesOutsideTheAlphabet(String name) {
        assertEquals(
                ErrorCode.BAD_REQUEST,
                assertThrows(RequestRejected.class, () -> RoomName.canonical(name))
                        .code());
    }

    @Test
    void refusesSixtyFiveCharacters() {
        assertThrows(RequestRejected.class, () -> RoomName.canonical("a".repeat(65)));
    }
}
