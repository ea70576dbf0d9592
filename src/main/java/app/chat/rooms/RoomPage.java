package app.chat.rooms;

import java.util.List;

/** One page of a rooms listing; {@code next} is the name to continue after, null on the last page. */
public record RoomPage(List<RoomListing> rooms, String next) {}
