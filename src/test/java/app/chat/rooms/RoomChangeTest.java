package app.chat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoomChangeTest {

    @Test
    void anInvitationSurvivesTheTripThroughANotificationUnchanged() {
        RoomChange invitation = new RoomChange(42, "design \"team\"", "bob\tb", true, "alice", "instance-1");

        RoomChange received = RoomChange.fromJson(invitation.toJson());

        assertEquals(invitation, received);
        assertTrue(received.isInvitation());
    }

    @Test
    void joiningAndLeavingAreNotInvitations() {
        RoomChange joined = RoomChange.fromJson(new RoomChange(1, "general", "carol", true, null, "i").toJson());
        RoomChange left = RoomChange.fromJson(new RoomChange(1, "general", "carol", false, null, "i").toJson());

        assertFalse(joined.isInvitation());
        assertFalse(left.isInvitation());
        assertFalse(left.added());
    }
}
