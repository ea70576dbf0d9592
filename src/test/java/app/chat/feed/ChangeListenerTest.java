package app.chat.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.chat.schema.ChangeChannels;
import org.junit.jupiter.api.Test;

class ChangeListenerTest {

    @Test
    void anotherInstancesMessagesWakeTheFeedWithTheIdTheyFollow() {
        DatabaseFeed.Item item = ChangeListener.item(ChangeChannels.MESSAGES, "41 instance-b", "instance-a");

        assertEquals(new DatabaseFeed.Notified(41), item);
    }

    @Test
    void thisInstancesOwnMessagesAreSkippedBecauseItsWriterHandsThemOver() {
        assertNull(ChangeListener.item(ChangeChannels.MESSAGES, "41 instance-a", "instance-a"));
    }

    @Test
    void aMessageNotificationThatCannotBeUnderstoodMakesTheFeedReadTheLog() {
        assertInstanceOf(DatabaseFeed.ReadTheLog.class, ChangeListener.item(ChangeChannels.MESSAGES, "41", "a"));
        assertInstanceOf(DatabaseFeed.ReadTheLog.class, ChangeListener.item(ChangeChannels.MESSAGES, "x b", "a"));
    }

    @Test
    void roomChangesArePassedOnAsAnnouncementsWhoeverMadeThem() {
        DatabaseFeed.Item item = ChangeListener.item(ChangeChannels.ROOMS, "{\"room\":1}", "instance-a");

        assertEquals(new DatabaseFeed.Announced(new Announcement(ChangeChannels.ROOMS, "{\"room\":1}")), item);
    }
}
