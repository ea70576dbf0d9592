package app.chat.listings;

import app.chat.presence.Presence;
import app.chat.presence.PresenceVisibility;
import app.chat.reads.ReadMarks;
import app.chat.reads.Unread;
import app.chat.requests.InboundFrame;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomListing;
import app.chat.rooms.RoomPage;
import app.chat.rooms.RoomQuery;
import app.chat.users.PeopleQuery;
import app.chat.users.User;
import app.chat.users.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rooms} and {@code users}: without a query, the caller's own conversations with their unread
 * counts (what a sidebar shows); with one, a page of the room or people directory.
 */
@ApplicationScoped
public class Listings implements RequestTypes {

    /** The people one talks with, most recent first: what a sidebar shows, not the directory. */
    static final int DEFAULT_CONVERSATIONS = 50;

    static final int MAX_CONVERSATIONS = 100;

    @Inject
    RoomDirectory rooms;

    @Inject
    Users users;

    @Inject
    ReadMarks readMarks;

    @Inject
    Presence presence;

    @Inject
    PresenceVisibility visibility;

    @Override
    public List<RequestType> requestTypes() {
        return List.of(RequestType.read("rooms", this::rooms), RequestType.read("users", this::people));
    }

    private void rooms(Request request) {
        InboundFrame frame = request.frame();
        RoomQuery query = new RoomQuery(
                frame.optionalBoolean("member", false),
                frame.optionalString("prefix").orElse(null),
                frame.optionalString("after").orElse(null),
                (int) frame.optionalLong("limit", 1, RoomQuery.MAX_LIMIT)
                        .orElse((long) RoomQuery.DEFAULT_LIMIT)
                        .longValue());
        RoomPage page = rooms.list(request.user(), query);
        request.reply(
                ListingEvents.rooms(request.ref(), page, query.memberOnly() ? unreadIn(request, page) : Map.of()));
    }

    private void people(Request request) {
        Optional<String> text = request.frame().optionalString("query");
        if (text.isPresent()) {
            search(request, text.get());
        } else {
            conversations(request);
        }
    }

    private void search(Request request, String text) {
        InboundFrame frame = request.frame();
        PeopleQuery query = new PeopleQuery(
                text,
                frame.optionalLong("limit", 1, PeopleQuery.MAX_LIMIT)
                        .orElse((long) PeopleQuery.DEFAULT_LIMIT)
                        .intValue(),
                frame.optionalLong("offset", 0, PeopleQuery.MAX_OFFSET)
                        .orElse(0L)
                        .intValue());
        List<User> found = users.search(query);
        // A full page may have more after it, unless the next would start past the bound.
        Integer next = found.size() == query.limit() && query.offset() + query.limit() <= PeopleQuery.MAX_OFFSET
                ? query.offset() + query.limit()
                : null;
        request.reply(ListingEvents.users(request.ref(), visibility.listed(request.user(), found), next, Map.of()));
    }

    private void conversations(Request request) {
        int limit = request.frame()
                .optionalLong("limit", 1, MAX_CONVERSATIONS)
                .orElse((long) DEFAULT_CONVERSATIONS)
                .intValue();
        List<User> found = users.conversationsOf(request.user(), limit);
        Map<String, Unread> unread = readMarks.inDirect(
                request.user(),
                request.sender().displayName(),
                found.stream().map(User::id).toList());
        request.reply(ListingEvents.users(request.ref(), visibility.listed(request.user(), found), null, unread));
    }

    /** Where the person stands in each room of theirs on the page, by room name. */
    private Map<String, Unread> unreadIn(Request request, RoomPage page) {
        Map<Long, String> names = new HashMap<>();
        for (RoomListing listing : page.rooms()) {
            rooms.byName(listing.name()).ifPresent(room -> names.put(room.id(), room.name()));
        }
        Map<String, Unread> byName = new HashMap<>();
        readMarks
                .inRooms(request.user(), request.sender().displayName(), List.copyOf(names.keySet()))
                .forEach((id, unread) -> byName.put(names.get(id), unread));
        return byName;
    }
}
