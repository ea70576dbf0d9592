package app.chat.reads;

/**
 * A person read a conversation up to message {@code id}, on some instance: every connection of
 * theirs hears of it. Exactly one of {@code room} (its name) and {@code with} is set.
 */
public record ReadMarked(String user, String room, String with, long id) {}
