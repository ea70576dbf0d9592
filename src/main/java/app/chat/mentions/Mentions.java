package app.chat.mentions;

import app.chat.messages.Message;
import app.chat.messages.MessageEvents;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** {@code mentions}: the recent messages that mention the caller, across the rooms they are in. */
@ApplicationScoped
public class Mentions implements RequestTypes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;

    @Inject
    MentionLookup lookup;

    @Inject
    RoomDirectory rooms;

    @Override
    public List<RequestType> requestTypes() {
        return List.of(RequestType.read("mentions", this::mentions));
    }

    private void mentions(Request request) {
        long before = request.frame().optionalLong("before", 1, Long.MAX_VALUE).orElse(Long.MAX_VALUE);
        int limit = request.frame()
                .optionalLong("limit", 1, MAX_LIMIT)
                .orElse((long) DEFAULT_LIMIT)
                .intValue();
        List<Message> found = lookup.of(request.user(), request.sender().displayName(), before, limit);
        Long nextBefore = found.size() == limit ? found.get(found.size() - 1).id() : null;
        request.reply(MessageEvents.mentions(
                request.ref(),
                found,
                roomId -> rooms.byId(roomId).map(RoomState::name).orElse(null),
                nextBefore));
    }
}
