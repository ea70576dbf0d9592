package app.chat.reads;

import app.chat.feed.Announcement;
import app.chat.protection.Budget;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import app.chat.schema.ChangeChannels;
import app.chat.schema.PassingNotices;
import app.chat.schema.ThisInstance;
import app.chat.users.KnownUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Optional;

/**
 * {@code read}: a person read a conversation up to a message. The mark is stored, then every
 * connection of theirs hears of it ({@link ReadMarked}): this instance's at once, the other
 * instances' through a notification that they turn into the same event. A notification lost while
 * an instance's listener reconnects costs a stale badge until that device lists its conversations
 * again (at its next reconnect): the mark itself is in the database.
 */
@ApplicationScoped
public class ReadState implements RequestTypes {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ReadMarks marks;

    @Inject
    RoomDirectory rooms;

    @Inject
    KnownUsers knownUsers;

    @Inject
    Event<ReadMarked> marked;

    @Inject
    PassingNotices notices;

    @Inject
    ThisInstance instance;

    @Override
    public List<RequestType> requestTypes() {
        return List.of(new RequestType("read", Budget.READS, this::read));
    }

    private void read(Request request) {
        InboundFrame frame = request.frame();
        Optional<String> roomName = frame.optionalString("room");
        String with = roomName.isEmpty() ? frame.userId("with") : null;
        long id = frame.requiredLong("id", 1, Long.MAX_VALUE);
        ReadMarked read;
        if (roomName.isPresent()) {
            RoomState room = rooms.memberOf(request.user(), roomName.get());
            read = new ReadMarked(request.user(), room.name(), null, marks.markRoom(request.user(), room.id(), id));
        } else {
            if (!knownUsers.exists(with)) {
                throw new RequestRejected(
                        ErrorCode.UNKNOWN_USER, "no user with id " + InboundFrame.abbreviated(with) + " is known here");
            }
            read = new ReadMarked(request.user(), null, with, marks.markDirect(request.user(), with, id));
        }
        request.ok();
        marked.fire(read);
        pass(read);
    }

    private void pass(ReadMarked read) {
        JsonObjectBuilder notice =
                JSON.createObjectBuilder().add("user", read.user()).add("id", read.id());
        if (read.room() != null) {
            notice.add("room", read.room());
        } else {
            notice.add("with", read.with());
        }
        notices.passOn(ChangeChannels.READS, notice);
    }

    void follow(@Observes Announcement announcement) {
        announcement
                .fromAnotherInstance(ChangeChannels.READS, instance.id())
                .ifPresent(notice -> marked.fire(new ReadMarked(
                        notice.getString("user"),
                        notice.getString("room", null),
                        notice.getString("with", null),
                        notice.getJsonNumber("id").longValue())));
    }
}
