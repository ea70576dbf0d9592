package app.chat.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class InboundFrameTest {

    private static void assertBadRequest(Executable action) {
        RequestRejected rejected = assertThrows(RequestRejected.class, action);
        assertEquals(ErrorCode.BAD_REQUEST, rejected.code());
    }

    @Test
    void readsTypeRefAndFields() {
        InboundFrame frame = InboundFrame.parse("{\"type\":\"join\",\"room\":\"general\",\"ref\":\"r1\"}");
        assertEquals("join", frame.type());
        assertEquals(Optional.of("r1"), frame.ref());
        assertEquals("general", frame.requiredString("room"));
    }

    @Test
    void refIsOptional() {
        assertFalse(InboundFrame.parse("{\"type\":\"rooms\"}").ref().isPresent());
    }

    @Test
    void refusesTextThatIsNotAJsonObject() {
        assertBadRequest(() -> InboundFrame.parse("hello"));
        assertBadRequest(() -> InboundFrame.parse("[1,2]"));
        assertBadRequest(() -> InboundFrame.parse("\"join\""));
        assertBadRequest(() -> InboundFrame.parse("{\"type\":"));
        assertBadRequest(() -> InboundFrame.parse(""));
    }

    @Test
    void refusesARefThatIsNotAShortString() {
        assertBadRequest(() -> InboundFrame.parse("{\"type\":\"rooms\",\"ref\":7}"));
        assertBadRequest(() -> InboundFrame.parse("{\"type\":\"rooms\",\"ref\":\"" + "r".repeat(129) + "\"}"));
    }

    @Test
    void refusesAMissingOrMistypedType() {
        assertBadRequest(() -> InboundFrame.parse("{\"room\":\"x\"}").type());
        assertBadRequest(() -> InboundFrame.parse("{\"type\":3}").type());
    }

    @Test
    void refusesMistypedFields() {
        InboundFrame frame = InboundFrame.parse("{\"type\":\"x\",\"room\":5,\"private\":\"yes\",\"limit\":1.5}");
        assertBadRequest(() -> frame.requiredString("room"));
        assertBadRequest(() -> frame.optionalBoolean("private", false));
        assertBadRequest(() -> frame.optionalLong("limit", 1, 100));
    }

    @Test
    void readsWholeNumbersWithinRange() {
        InboundFrame frame = InboundFrame.parse("{\"type\":\"x\",\"limit\":20,\"before\":0,\"huge\":1e40}");
        assertEquals(Optional.of(20L), frame.optionalLong("limit", 1, 100));
        assertEquals(Optional.empty(), frame.optionalLong("absent", 1, 100));
        assertBadRequest(() -> frame.optionalLong("before", 1, Long.MAX_VALUE));
        assertBadRequest(() -> frame.optionalLong("huge", 1, Long.MAX_VALUE));
    }

    @Test
    void booleanFieldsDefaultWhenAbsent() {
        InboundFrame frame = InboundFrame.parse("{\"type\":\"x\",\"private\":true}");
        assertTrue(frame.optionalBoolean("private", false));
        assertFalse(frame.optionalBoolean("missing", false));
    }

    @Test
    void userIdsAreBounded() {
        InboundFrame frame = InboundFrame.parse("{\"type\":\"dm\",\"to\":\"\",\"with\":\"" + "u".repeat(256) + "\"}");
        assertBadRequest(() -> frame.userId("to"));
        assertBadRequest(() -> frame.userId("with"));
    }

    @Test
    void userIdsWithControlCharactersOrUnpairedSurrogatesAreRefused() {
        InboundFrame frame = InboundFrame.parse(
                "{\"type\":\"dm\",\"to\":\"bob\\u0000\",\"with\":\"a\\ud800\",\"user\":\"x\\u001b[31m\"}");
        assertBadRequest(() -> frame.userId("to"));
        assertBadRequest(() -> frame.userId("with"));
        assertBadRequest(() -> frame.userId("user"));
    }

    @Test
    void numberLiteralsOfHundredsOfDigitsAreRefusedWithTheRef() {
        InboundFrame.Unreadable refused = assertThrows(
                InboundFrame.Unreadable.class,
                () -> InboundFrame.parse("{\"ref\":\"r9\",\"type\":\"history\",\"limit\":" + "9".repeat(1200) + "}"));
        assertEquals(ErrorCode.BAD_REQUEST, refused.code());
        assertEquals(Optional.of("r9"), refused.ref());
        assertBadRequest(() -> InboundFrame.parse("{\"type\":\"x\",\"before\":1e999999999}"));
    }

    @Test
    void deepNestingIsRefusedWithTheRef() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        InboundFrame.Unreadable refused = assertThrows(
                InboundFrame.Unreadable.class,
                () -> InboundFrame.parse("{\"ref\":\"r2\",\"type\":\"join\",\"room\":" + deep + "}"));
        assertEquals(Optional.of("r2"), refused.ref());
        InboundFrame shallow = InboundFrame.parse("{\"type\":\"x\",\"extra\":{\"a\":[1,2]}}");
        assertEquals("x", shallow.type());
    }

    @Test
    void aRefThatCannotBeEchoedIsRefused() {
        assertBadRequest(() -> InboundFrame.parse("{\"type\":\"rooms\",\"ref\":\"\\ud800\"}"));
    }

    @Test
    void echoedTextIsShortPrintableAndNeverSplitsACharacter() {
        assertEquals("(unprintable)", InboundFrame.abbreviated("a\uD800"));
        assertEquals("(unprintable)", InboundFrame.abbreviated("a\u0000"));
        String emoji = "😀".repeat(70);
        assertEquals("😀".repeat(64) + "…", InboundFrame.abbreviated(emoji));
    }

    @Test
    void duplicateKeysAreRefused() {
        InboundFrame.Unreadable refused = assertThrows(
                InboundFrame.Unreadable.class,
                () -> InboundFrame.parse("{\"ref\":\"r3\",\"type\":\"join\",\"type\":\"leave\"}"));
        assertEquals(Optional.of("r3"), refused.ref());
    }

    @Test
    void trailingTextAfterTheObjectIsRefused() {
        assertBadRequest(() -> InboundFrame.parse("{\"type\":\"rooms\"} {\"type\":\"users\"}"));
        assertBadRequest(() -> InboundFrame.parse("{\"type\":\"rooms\"}]"));
    }

    @Test
    void aFaultBeforeTheRefLeavesTheErrorWithoutOne() {
        InboundFrame.Unreadable refused = assertThrows(
                InboundFrame.Unreadable.class,
                () -> InboundFrame.parse("{\"type\":\"x\",\"limit\":" + "1".repeat(100) + ",\"ref\":\"late\"}"));
        assertEquals(Optional.empty(), refused.ref());
    }
}
