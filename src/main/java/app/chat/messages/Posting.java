package app.chat.messages;

import app.chat.protection.Limits;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import app.chat.users.KnownUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code message} and {@code dm}: a message is checked here and handed to the {@link MessageWriter},
 * which acknowledges it once committed. A reply names a message of the same conversation.
 */
@ApplicationScoped
public class Posting implements RequestTypes {

    @Inject
    RoomDirectory rooms;

    @Inject
    KnownUsers knownUsers;

    @Inject
    Messages messages;

    @Inject
    MessageWriter writer;

    @Inject
    Limits limits;

    @Override
    public List<RequestType> requestTypes() {
        return List.of(new RequestType("message", null, this::inRoom), new RequestType("dm", null, this::direct));
    }

    private void inRoom(Request request) {
        InboundFrame frame = request.frame();
        limits.spendSend(request.user());
        RoomState room = rooms.memberOf(request.user(), frame.requiredString("room"));
        String content = MessageContent.check(frame.requiredString("content"));
        UUID clientId = frame.optionalUuid("client_id").orElse(null);
        Quote replyTo = replyTo(frame, header -> !header.isDirect() && header.roomId() == room.id());
        writer.submit(
                Draft.toRoom(
                        request.user(),
                        request.sender().displayName(),
                        room.id(),
                        room.name(),
                        content,
                        clientId,
                        replyTo),
                acknowledge(request));
    }

    private void direct(Request request) {
        InboundFrame frame = request.frame();
        String to = frame.userId("to");
        String content = MessageContent.check(frame.requiredString("content"));
        UUID clientId = frame.optionalUuid("client_id").orElse(null);
        limits.spendSend(request.user());
        knownUsers.require(to);
        String from = request.user();
        Quote replyTo = replyTo(frame, header -> header.isDirect() && header.between(from) && header.between(to));
        writer.submit(
                Draft.direct(from, request.sender().displayName(), to, content, clientId, replyTo),
                acknowledge(request));
    }

    /**
     * The quote of the message named by {@code reply_to}, if the frame has one: a message of this
     * conversation, deleted or not. Any other id is answered like one that does not exist.
     */
    private Quote replyTo(InboundFrame frame, Predicate<MessageHeader> inThisConversation) {
        var id = frame.optionalLong("reply_to", 1, Long.MAX_VALUE);
        if (id.isEmpty()) {
            return null;
        }
        RequestRejected unknown =
                new RequestRejected(ErrorCode.NOT_FOUND, "no message with id " + id.get() + " in this conversation");
        MessageHeader header =
                messages.header(id.get()).filter(inThisConversation).orElseThrow(() -> unknown);
        return messages.quote(header.id()).orElseThrow(() -> unknown);
    }

    private static MessageWriter.Outcome acknowledge(Request request) {
        return new MessageWriter.Outcome() {
            @Override
            public void stored(PostedMessage message) {
                request.reply(MessageEvents.ack(request.ref(), message));
            }

            @Override
            public void failed(RequestRejected reason) {
                request.fail(reason);
            }
        };
    }
}
