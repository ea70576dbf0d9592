package app.chat.messages;

import app.chat.protection.Limits;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code react} and {@code unreact}: anyone who may post in a conversation reacts to its messages,
 * once per emoji. Like an edit, each change goes through the {@link MessageWriter} into the message
 * log, so everyone in the conversation hears it in order and a resuming client is replayed it.
 */
@ApplicationScoped
public class MessageReactions implements RequestTypes {

    @Inject
    MessageAccess access;

    @Inject
    MessageWriter writer;

    @Inject
    Limits limits;

    @Override
    public List<RequestType> requestTypes() {
        return List.of(
                new RequestType("react", null, request -> change(request, true)),
                new RequestType("unreact", null, request -> change(request, false)));
    }

    private void change(Request request, boolean add) {
        limits.spendSend(request.user());
        long id = request.frame().requiredLong("id", 1, Long.MAX_VALUE);
        String emoji = Emoji.check(request.frame().requiredString("emoji"));
        MessageHeader message = access.postableBy(request.user(), id, "react to");
        if (message.deleted()) {
            throw new RequestRejected(ErrorCode.NOT_FOUND, "message " + id + " was deleted");
        }
        writer.submit(
                Draft.reaction(message, access.roomName(message), request.user(), emoji, add),
                MessageRevisions.answer(request));
    }
}
