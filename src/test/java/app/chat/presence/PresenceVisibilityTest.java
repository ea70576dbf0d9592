package app.chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceVisibilityTest {

    @Test
    void everyoneSeesEveryonesPresenceUnlessTheCompanyChoseOtherwise() {
        assertEquals(PresenceVisibility.Audience.EVERYONE, PresenceVisibility.audience(Optional.empty()));
    }

    @Test
    void contactsIsReadWhateverItsCaseAndSpacing() {
        assertEquals(PresenceVisibility.Audience.CONTACTS, PresenceVisibility.audience(Optional.of(" Contacts ")));
    }

    @Test
    void anyOtherChoiceStopsTheStartNamingTheKey() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> PresenceVisibility.audience(Optional.of("friends")));
        assertTrue(refused.getMessage().contains("chat.presence.visible-to"), refused.getMessage());
    }
}
