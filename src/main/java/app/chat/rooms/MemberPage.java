package app.chat.rooms;

import app.chat.users.User;
import java.util.List;

/** One page of a room's members by name, and the id to continue after (null on the last page). */
public record MemberPage(RoomState room, List<User> members, String next) {}
