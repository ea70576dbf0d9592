package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {

    @Test
    void chatV2IsChosenWhenOfferedWhateverTheOrder() {
        assertEquals("chat.v2", Framing.negotiate(List.of("chat.v1", "chat.v2", "bearer.x")));
    }

    @Test
    void chatV1IsChosenWhenItIsTheOnlyOneOffered() {
        assertEquals("chat.v1", Framing.negotiate(List.of("chat.v1", "bearer.x")));
    }

    @Test
    void nothingIsChosenForATokenAloneOrAnUnknownProtocol() {
        assertEquals("", Framing.negotiate(List.of("bearer.x")));
        assertEquals("", Framing.negotiate(List.of("chat.v3")));
    }

    @Test
    void onlyChatV2PutsSeveralEventsInAFrame() {
        assertEquals(Framing.LINES, Framing.of("chat.v2"));
        assertEquals(Framing.SINGLE, Framing.of("chat.v1"));
        assertEquals(Framing.SINGLE, Framing.of(""));
        assertEquals(Framing.SINGLE, Framing.of(null));
    }
}
