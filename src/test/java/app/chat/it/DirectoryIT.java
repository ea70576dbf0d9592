package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The people directory: {@code users} with a {@code query} finds people by the start of any word of
 * their name, id or e-mail address, ranked and paged. Every test's people share a family name made
 * up for it, so the database's other people never show up in its results.
 */
class DirectoryIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    /** A word no one else has: letters only, so it is one word of a name. */
    private static String family() {
        StringBuilder word = new StringBuilder("Zz");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /** Signs a person in once, so that the directory knows them, and returns their id. */
    private String signedIn(String name, String email) {
        String id = unique("person");
        TestTokens token = TestTokens.forUser(id).name(name);
        if (email != null) {
            token.email(email);
        }
        try (ChatClient client = ChatClient.connect(ws(), token.sign())) {
            client.ok(frame("rooms"));
        }
        return id;
    }

    private static List<String> names(JsonObject answer) {
        assertEquals("users", answer.getString("type"), answer::toString);
        return answer.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(user -> user.getString("name"))
                .toList();
    }

    @Test
    void findsPeopleWhateverTheCaseAndAccentsOfTheirNamesOrOfTheQuery() {
        String family = family();
        signedIn("José " + family, null);
        signedIn("Émile " + family, null);
        try (ChatClient searcher = connect(unique("searcher"))) {
            assertEquals(
                    List.of("José " + family),
                    names(searcher.ok(frame("users", "query", "jose " + family.toLowerCase()))));
            assertEquals(
                    List.of("Émile " + family),
                    names(searcher.ok(frame("users", "query", "EMI " + family.toUpperCase()))));
            assertEquals(List.of("José " + family), names(searcher.ok(frame("users", "query", "JOSÉ " + family))));
        }
    }

    @Test
    void ranksANameEqualToTheQueryFirstThenNamesStartingWithItThenOtherWordsByName() {
        String family = family();
        signedIn("Bob " + family, null);
        signedIn(family + "son Carter", null);
        signedIn(family, null);
        signedIn("Anna " + family, null);
        try (ChatClient searcher = connect(unique("searcher"))) {
            assertEquals(
                    List.of(family, family + "son Carter", "Anna " + family, "Bob " + family),
                    names(searcher.ok(frame("users", "query", family))));
        }
    }

    @Test
    void findsPeopleByTheWordsOfTheirEmailAddress() {
        String family = family();
        signedIn("Dana " + family, "d.stone@" + family.toLowerCase() + ".example");
        try (ChatClient searcher = connect(unique("searcher"))) {
            assertEquals(
                    List.of("Dana " + family),
                    names(searcher.ok(frame("users", "query", "d.stone@" + family.toLowerCase()))));
        }
    }

    @Test
    void pagesThroughTheResultsWithNextWithoutRepeatingAnyone() {
        String family = family();
        for (String first : List.of("Ada", "Ben", "Cy", "Di", "Ed")) {
            signedIn(first + " " + family, null);
        }
        try (ChatClient searcher = connect(unique("searcher"))) {
            List<String> seen = new ArrayList<>();
            JsonObject page = searcher.ok(frame("users", "query", family, "limit", 2));
            seen.addAll(names(page));
            assertEquals(2, page.getInt("next"));
            page = searcher.ok(frame("users", "query", family, "limit", 2, "offset", 2));
            seen.addAll(names(page));
            assertEquals(4, page.getInt("next"));
            page = searcher.ok(frame("users", "query", family, "limit", 2, "offset", 4));
            seen.addAll(names(page));
            assertFalse(page.containsKey("next"), "the last page has no next: " + page);
            assertEquals(5, new HashSet<>(seen).size(), seen::toString);
            assertEquals(5, seen.size(), seen::toString);
        }
    }

    @Test
    void reportsWhoIsOnlineAmongThoseFound() {
        String family = family();
        String id = unique("online");
        try (ChatClient present = ChatClient.connect(
                        ws(), TestTokens.forUser(id).name("Olive " + family).sign());
                ChatClient searcher = connect(unique("searcher"))) {
            present.ok(frame("rooms"));
            JsonObject found = searcher.ok(frame("users", "query", "olive " + family))
                    .getJsonArray("users")
                    .getJsonObject(0);
            assertEquals(id, found.getString("id"));
            assertTrue(found.getBoolean("online"));
        }
    }

    @Test
    void refusesEmptyOverlongAndOutOfRangeSearchesWithBadRequest() {
        try (ChatClient searcher = connect(unique("searcher"))) {
            for (var request : List.of(
                    frame("users", "query", ""),
                    frame("users", "query", " .,;- "),
                    frame("users", "query", "a".repeat(101)),
                    frame("users", "query", "ann", "limit", 0),
                    frame("users", "query", "ann", "limit", 51),
                    frame("users", "query", "ann", "offset", -1),
                    frame("users", "query", "ann", "offset", 501))) {
                JsonObject answer = searcher.request(request);
                assertEquals("error", answer.getString("type"), answer::toString);
                assertEquals("bad_request", answer.getString("code"), answer::toString);
            }
        }
    }
}
