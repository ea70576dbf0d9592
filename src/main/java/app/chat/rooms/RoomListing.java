package app.chat.rooms;

/** One line of the {@code rooms} answer: a room the caller can see, and whether they belong to it. */
public record RoomListing(String name, boolean isPrivate, boolean member) {}
