package app.chat.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StartupSummaryTest {

    @Test
    void credentialsInTheDatabaseUrlAreMasked() {
        assertEquals(
                "jdbc:postgresql://db:5432/chat?user=chat&password=***&ssl=true",
                StartupSummary.masked("jdbc:postgresql://db:5432/chat?user=chat&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://***@db/chat", StartupSummary.masked("jdbc:postgresql://chat:hunter2@db/chat"));
        assertEquals("jdbc:postgresql://db/chat", StartupSummary.masked("jdbc:postgresql://db/chat"));
    }

    @Test
    void everyDocumentedKeyIsInTheSummaryOrKnownToBeSecret() throws Exception {
        String documentation = Files.readString(Path.of("docs", "configuration.md"));
        Matcher keys = Pattern.compile("^\\| `((?:chat|mp)\\.[a-z.-]+)`", Pattern.MULTILINE)
                .matcher(documentation);
        int documented = 0;
        while (keys.find()) {
            String key = keys.group(1);
            assertTrue(
                    StartupSummary.SHOWN.contains(key) || StartupSummary.SECRET.contains(key),
                    key + " is documented but not in the start-up summary");
            documented++;
        }
        assertEquals(StartupSummary.SHOWN.size() + StartupSummary.SECRET.size(), documented);
    }
}
