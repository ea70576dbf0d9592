package app.chat.messages;

import java.util.List;

/**
 * What a resuming client missed: the messages after its cursor, in id order, or nothing when there
 * are more than the replay limit ({@code complete} false; the client then pages history).
 *
 * @param cursor the id to resume from next time: the last replayed id, or the newest id of all when
 *               the replay was cut
 */
public record Replay(List<PostedMessage> messages, boolean complete, long cursor) {}
