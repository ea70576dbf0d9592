package app.chat.search;

import static app.chat.protocol.Events.event;
import static app.chat.protocol.Events.timestamp;

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
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@code search}: a person finds messages among those they may read. A room named in the request
 * must be one they may read (a private room of others is answered like one that does not exist);
 * a person named must be known.
 */
@ApplicationScoped
public class Search implements RequestTypes {

    @Inject
    MessageSearch messages;

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
                .withName("chat.search.duration")
                .withDescription("Time to answer a search request, database included")
                .withUnit(MetricUnits.SECONDS)
                .build());
    }

    @Override
    public List<RequestType> requestTypes() {
        return List.of(RequestType.read("search", request -> duration.time(() -> search(request))));
    }

    private void search(Request request) {
        SearchRequest wanted = SearchRequest.of(request.frame());
        Long roomId = wanted.room()
                .map(name -> rooms.readable(request.user(), name))
                .map(RoomState::id)
                .orElse(null);
        wanted.with().ifPresent(knownUsers::require);
        wanted.from().ifPresent(knownUsers::require);
        List<Found> found = messages.find(request.user(), wanted, roomId);
        Integer next = found.size() == wanted.limit() && wanted.offset() + wanted.limit() <= SearchRequest.MAX_OFFSET
                ? wanted.offset() + wanted.limit()
                : null;
        request.reply(results(request.ref(), found, next));
    }

    /** The answer: the page of messages found, best first, and the offset of the next page if there may be one. */
    public static String results(String ref, List<Found> found, Integer next) {
        return event("search_results", ref, json -> {
            json.writeStartArray("results");
            for (Found message : found) {
                json.writeStartObject().write("id", message.id());
                if (message.room() != null) {
                    json.write("room", message.room());
                }
                json.write("from", message.from());
                if (message.fromName() != null) {
                    json.write("from_name", message.fromName());
                }
                if (message.to() != null) {
                    json.write("to", message.to());
                }
                json.write("timestamp", timestamp(message.timestamp())).writeStartArray("snippet");
                for (Found.Snippet run : message.snippet()) {
                    json.writeStartObject()
                            .write("text", run.text())
                            .write("match", run.match())
                            .writeEnd();
                }
                json.writeEnd().writeEnd();
            }
            json.writeEnd();
            if (next != null) {
                json.write("next", next);
            }
        });
    }
}
