package app.chat.rooms;

import app.chat.presence.Presence;
import app.chat.presence.PresenceVisibility;
import app.chat.protection.Budget;
import app.chat.requests.InboundFrame;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code join}, {@code leave}, {@code create_room}, {@code invite} and {@code members}. The invitee's
 * own connections hear of an invitation through {@link RoomDirectory.Invited}, wherever they are.
 */
@ApplicationScoped
public class RoomRequests implements RequestTypes {

    static final int DEFAULT_MEMBERS_PAGE = 50;
    static final int MAX_MEMBERS_PAGE = 100;

    @Inject
    RoomDirectory rooms;

    @Inject
    Presence presence;

    @Inject
    PresenceVisibility visibility;

    @Override
    public List<RequestType> requestTypes() {
        return List.of(
                new RequestType("join", Budget.MEMBERSHIP, this::join),
                new RequestType("leave", Budget.MEMBERSHIP, this::leave),
                new RequestType("create_room", Budget.MEMBERSHIP, this::create),
                new RequestType("invite", Budget.INVITATIONS, this::invite),
                RequestType.read("members", this::members));
    }

    private void join(Request request) {
        RoomState room = rooms.join(request.user(), request.frame().requiredString("room"));
        request.reply(RoomEvents.joined(request.ref(), room.name()));
    }

    private void leave(Request request) {
        RoomState room = rooms.leave(request.user(), request.frame().requiredString("room"));
        request.reply(RoomEvents.left(request.ref(), room.name()));
    }

    private void create(Request request) {
        InboundFrame frame = request.frame();
        RoomState room =
                rooms.create(request.user(), frame.requiredString("room"), frame.optionalBoolean("private", false));
        request.reply(RoomEvents.roomCreated(request.ref(), room.name(), room.isPrivate()));
    }

    private void invite(Request request) {
        InboundFrame frame = request.frame();
        String invitee = frame.userId("user");
        RoomDirectory.Invitation invitation = rooms.invite(request.user(), frame.requiredString("room"), invitee);
        request.reply(
                RoomEvents.invited(request.ref(), invitation.room(), invitee, request.user(), !invitation.added()));
    }

    private void members(Request request) {
        InboundFrame frame = request.frame();
        Optional<String> after =
                frame.optionalString("after").isPresent() ? Optional.of(frame.userId("after")) : Optional.empty();
        int limit = frame.optionalLong("limit", 1, MAX_MEMBERS_PAGE)
                .orElse((long) DEFAULT_MEMBERS_PAGE)
                .intValue();
        MemberPage page = rooms.members(request.user(), frame.requiredString("room"), after, limit);
        Set<String> everyone = page.room().members();
        request.reply(RoomEvents.members(
                request.ref(),
                page.room().name(),
                visibility.listed(request.user(), page.members()),
                everyone.size(),
                presence.countOnline(everyone),
                page.next()));
    }
}
