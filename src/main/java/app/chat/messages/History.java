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
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@code history} and {@code dm_history}: pages of a conversation, the latest, before an id, or
 * around one (where a reply's quote jumps to), with their quotes and reactions.
 */
@ApplicationScoped
public class History implements RequestTypes {

    static final int DEFAULT_PAGE = 50;
    /** Caps the work and the frame size of one history request. */
    static final int MAX_PAGE = 100;
    /** Caps one history answer's text; fits {@link Limits#MIN_QUEUE_BYTES_PER_CONNECTION}. */
    static final long MAX_PAGE_CHARS = Limits.MIN_QUEUE_BYTES_PER_CONNECTION / 2;

    @Inject
    Messages messages;

    @Inject
    RoomDirectory rooms;

    @Inject
    KnownUsers knownUsers;

    @Inject
    MetricRegistry metrics;

    private Timer duration;

    @PostConstruct
    void registerMetrics() {
        duration = metrics.timer(Metadata.builder()
                .withName("chat.history.duration")
                .withDescription("Time to answer a history or dm_history request, database included")
                .withUnit(MetricUnits.SECONDS)
                .build());
    }

    @Override
    public List<RequestType> requestTypes() {
        return List.of(
                RequestType.read("history", request -> duration.time(() -> inRoom(request))),
                RequestType.read("dm_history", request -> duration.time(() -> direct(request))));
    }

    /** Which page a request asks for: before an id (the latest without one), or around one. */
    private record PageRequest(long before, Optional<Long> around, int limit) {

        static PageRequest of(InboundFrame frame) {
            Optional<Long> before = frame.optionalLong("before", 1, Long.MAX_VALUE);
            Optional<Long> around = frame.optionalLong("around", 1, Long.MAX_VALUE);
            if (before.isPresent() && around.isPresent()) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"before\" and \"around\" cannot be used together");
            }
            long limit = frame.optionalLong("limit", 1, Integer.MAX_VALUE).orElse((long) DEFAULT_PAGE);
            return new PageRequest(before.orElse(Long.MAX_VALUE), around, (int) Math.min(limit, MAX_PAGE));
        }

        HistoryPage withinSize(HistoryPage page) {
            return around.isPresent()
                    ? page.aroundWithin(around.get(), MAX_PAGE_CHARS)
                    : page.newestWithin(MAX_PAGE_CHARS);
        }
    }

    private void inRoom(Request request) {
        InboundFrame frame = request.frame();
        RoomState room = rooms.readable(request.user(), frame.requiredString("room"));
        PageRequest wanted = PageRequest.of(frame);
        List<Message> page = wanted.around().isPresent()
                ? messages.roomHistoryAround(room.id(), wanted.around().get(), wanted.limit())
                : messages.roomHistory(room.id(), wanted.before(), wanted.limit());
        HistoryPage shown = wanted.withinSize(messages.withQuotesAndReactions(page, request.user()));
        request.reply(MessageEvents.roomHistory(request.ref(), room.name(), shown));
    }

    private void direct(Request request) {
        InboundFrame frame = request.frame();
        String with = frame.userId("with");
        knownUsers.require(with);
        PageRequest wanted = PageRequest.of(frame);
        List<Message> page = wanted.around().isPresent()
                ? messages.conversationAround(
                        request.user(), with, wanted.around().get(), wanted.limit())
                : messages.conversation(request.user(), with, wanted.before(), wanted.limit());
        HistoryPage shown = wanted.withinSize(messages.withQuotesAndReactions(page, request.user()));
        request.reply(MessageEvents.directHistory(request.ref(), with, shown));
    }
}
