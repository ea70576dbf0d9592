package app.chat.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import org.junit.jupiter.api.Test;

class PeopleQueryTest {

    @Test
    void everyWordTypedMustStartAWordWhateverItsAccentsAndCase() {
        assertEquals("jose & garcia", new PeopleQuery("  José GARCÍA ", 20, 0).tsQuery());
    }

    @Test
    void punctuationSeparatesWordsAndNeverReachesTheTextSearchQuery() {
        assertEquals("o & neil & x", new PeopleQuery("O'Neil & !x:*", 20, 0).tsQuery());
    }

    @Test
    void atMostEightWordsAreSearched() {
        assertEquals(8, new PeopleQuery("a b c d e f g h i j", 20, 0).tsQuery().split("&").length);
    }

    @Test
    void everyBeginningOfEveryWordOfNameIdAndEmailIsStoredOnceWithoutAccents() {
        assertEquals("z zo zoe u 4 42", PeopleQuery.searchText("Zoë", "u-42", null));
        assertEquals("a al x b c i io", PeopleQuery.searchText("Al", "x", "A.B@c.io"));
        assertEquals("zoe saldana", PeopleQuery.searchName("Zoë Saldaña"));
    }

    @Test
    void longWordsAreIndexedAndSearchedByTheirFirstTwentyCharacters() {
        String longWord = "abcdefghijklmnopqrstuvwxyz";
        assertTrue(PeopleQuery.searchText(longWord, "x", null).startsWith("a ab abc"));
        assertFalse(PeopleQuery.searchText(longWord, "x", null).contains("abcdefghijklmnopqrstu"));
        assertEquals("abcdefghijklmnopqrst", new PeopleQuery(longWord, 20, 0).tsQuery());
    }

    @Test
    void theNamePrefixPatternMatchesLikeWildcardsLiterally() {
        assertEquals("50\\%\\_off%", new PeopleQuery("50%_off", 20, 0).namePrefixPattern());
    }

    @Test
    void aQueryWithoutLetterOrDigitOrOutOfRangeIsABadRequest() {
        for (Runnable bad : new Runnable[] {
            () -> new PeopleQuery(" -.; ", 20, 0),
            () -> new PeopleQuery("x".repeat(PeopleQuery.MAX_LENGTH + 1), 20, 0),
            () -> new PeopleQuery("ann", 0, 0),
            () -> new PeopleQuery("ann", PeopleQuery.MAX_LIMIT + 1, 0),
            () -> new PeopleQuery("ann", 20, PeopleQuery.MAX_OFFSET + 1)
        }) {
            assertEquals(
                    ErrorCode.BAD_REQUEST,
                    assertThrows(RequestRejected.class, bad::run).code());
        }
    }
}
