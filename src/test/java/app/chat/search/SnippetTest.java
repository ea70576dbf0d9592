package app.chat.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void aHeadlineIsCutIntoRunsWithTheMarkedWordsAsMatches() {
        String headline = "move the " + MessageSearch.START + "release" + MessageSearch.STOP + " to "
                + MessageSearch.START + "Friday" + MessageSearch.STOP;
        assertEquals(
                List.of(
                        new Found.Snippet("move the ", false),
                        new Found.Snippet("release", true),
                        new Found.Snippet(" to ", false),
                        new Found.Snippet("Friday", true)),
                MessageSearch.snippet(headline));
    }

    @Test
    void aHeadlineWithoutMarksIsOneRunOfText() {
        assertEquals(List.of(new Found.Snippet("nothing marked", false)), MessageSearch.snippet("nothing marked"));
    }
}
