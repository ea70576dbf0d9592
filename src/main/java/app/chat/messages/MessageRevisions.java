package app.chat.messages;

import app.chat.protection.Limits;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * {@code edit} and {@code delete}: authors change their own messages. Who may is decided here from
 * the message's header; that the message is still there when the change is stored is decided by
 * {@link Messages#store} under the write lock. The change goes through the {@link MessageWriter}
 * like a message, so it is in the log, in order, for every instance and every resuming client.
 */
@ApplicationScoped
public class MessageRevisions implements RequestTypes {

    @Inject
    MessageAccess access;

    @Inject
    MessageWriter writer;

    @Inject
    Limits limits;

    @Inject
    Config config;

    private EditWindow editWindow;

    @PostConstruct
    void readSettings() {
        editWindow = EditWindow.ofMinutes(
                config.getOptionalValue(EditWindow.KEY, Integer.class).orElse(0));
    }

    @Override
    public List<RequestType> requestTypes() {
        return List.of(new RequestType("edit", null, this::edit), new RequestType("delete", null, this::delete));
    }

    private void edit(Request request) {
        limits.spendSend(request.user());
        long id = request.frame().requiredLong("id", 1, Long.MAX_VALUE);
        String content = MessageContent.check(request.frame().requiredString("content"));
        MessageHeader message = ownMessage(request.user(), id, "edit");
        if (message.deleted()) {
            throw new RequestRejected(ErrorCode.NOT_FOUND, "message " + id + " was deleted");
        }
        if (!editWindow.allowsEditing(message.timestamp(), Instant.now())) {
            throw new RequestRejected(
                    ErrorCode.FORBIDDEN, "messages can be edited for " + editWindow + " after they are posted");
        }
        writer.submit(Draft.edit(message, access.roomName(message), content), answer(request));
    }

    private void delete(Request request) {
        limits.spendSend(request.user());
        long id = request.frame().requiredLong("id", 1, Long.MAX_VALUE);
        MessageHeader message = ownMessage(request.user(), id, "delete");
        if (message.deleted()) {
            request.ok(); // deleting again changes nothing, like a resend
            return;
        }
        writer.submit(Draft.deletion(message, access.roomName(message)), answer(request));
    }

    /** The message, if the user wrote it and may still post where it is. */
    private MessageHeader ownMessage(String user, long id, String change) {
        MessageHeader message = access.postableBy(user, id, change);
        if (!message.from().equals(user)) {
            throw new RequestRejected(ErrorCode.FORBIDDEN, "only its author can " + change + " a message");
        }
        return message;
    }

    /** Answers {@code ok} once the change is committed, or the reason it was not stored. */
    static MessageWriter.Outcome answer(Request request) {
        return new MessageWriter.Outcome() {
            @Override
            public void stored(PostedMessage message) {
                request.ok();
            }

            @Override
            public void failed(RequestRejected reason) {
                request.fail(reason);
            }
        };
    }
}
