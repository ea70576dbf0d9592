package app.chat.testsupport;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Several people talk in two rooms and by DM while their connections are cut at random and, once,
 * a fault happens mid-conversation (a server killed, restarted, ...). Checks that history holds
 * exactly what was acknowledged, in each conversation's order as every client saw it, and counts
 * what was lost, duplicated or delivered to someone not entitled to it, for the test to assert.
 */
public final class FaultyConversation {

    private static final int PEOPLE = 4;
    private static final int MESSAGES_EACH = 80;
    private static final Duration SETTLE = Duration.ofSeconds(90);

    /** What happens once, mid-conversation. */
    @FunctionalInterface
    public interface Fault {
        void happen() throws Exception;
    }

    /** The counts at the end: all but {@code acknowledged} and {@code reconnects} must be 0. */
    public record Outcome(int acknowledged, int lost, int duplicated, int foreign, int reconnects, int repeatsDropped) {
        public boolean cutConnections() {
            return reconnects > PEOPLE * 2;
        }
    }

    /** What the test sent, by client id: who sent it, and to which room or person. */
    private record Sent(String from, String room, String to) {
        String conversation() {
            return room != null ? "room:" + room : "dm:" + (from.compareTo(to) < 0 ? from + "|" + to : to + "|" + from);
        }
    }

    private FaultyConversation() {}

    /** Runs the conversation against whatever {@code entry} points to at each (re)connection. */
    public static Outcome run(Supplier<URI> entry, Fault fault) throws Exception {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(unique("p" + i));
        }
        String roomA = unique("fault-a");
        String roomB = unique("fault-b");
        Map<String, Set<String>> roomsOf = new HashMap<>();
        for (int i = 0; i < PEOPLE; i++) {
            Set<String> rooms = new HashSet<>();
            if (i < 3) {
                rooms.add(roomA);
            }
            if (i > 0) {
                rooms.add(roomB);
            }
            roomsOf.put(people.get(i), rooms);
            try (ChatClient setup = ChatClient.connect(
                    entry.get(), TestTokens.forUser(people.get(i)).sign())) {
                rooms.forEach(setup::join);
            }
        }

        Map<String, Sent> sent = new ConcurrentHashMap<>();
        List<ResilientClient> clients =
                people.stream().map(p -> new ResilientClient(p, entry)).toList();
        try {
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                ResilientClient client = clients.get(i);
                String me = people.get(i);
                String next = people.get((i + 1) % PEOPLE);
                List<String> myRooms = List.copyOf(roomsOf.get(me));
                Thread sender = new Thread(() -> {
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        if (m % 3 == 0) {
                            String id = client.send(frame("dm", "to", next, "content", me + " dm " + m));
                            sent.put(id, new Sent(me, null, next));
                        } else {
                            String room = myRooms.get(m % myRooms.size());
                            String id = client.send(frame("message", "room", room, "content", me + " says " + m));
                            sent.put(id, new Sent(me, room, null));
                        }
                        sleep(200);
                    }
                });
                senders.add(sender);
                sender.start();
            }

            Random random = new Random(42);
            boolean killed = false;
            for (int round = 0; !killed || senders.stream().anyMatch(Thread::isAlive); round++) {
                // Cuts go on before, during and after the restart, for as long as people are sending.
                sleep(100 + random.nextInt(300));
                clients.get(random.nextInt(PEOPLE)).cut();
                if (round == 3) {
                    fault.happen(); // mid-conversation
                    killed = true;
                }
            }
            for (Thread sender : senders) {
                sender.join();
            }

            awaitTrue(
                    () -> clients.stream().allMatch(ResilientClient::allAcknowledged),
                    () -> "every message acknowledged: " + clients);
            Map<Long, Sent> acknowledged = new HashMap<>();
            clients.forEach(client ->
                    client.acknowledged().forEach((clientId, id) -> acknowledged.put(id, sent.get(clientId))));
            assertEquals(PEOPLE * MESSAGES_EACH, acknowledged.size(), "one stored message per client id");

            Map<String, Set<Long>> expected = new HashMap<>();
            for (String person : people) {
                Set<Long> mine = new HashSet<>();
                acknowledged.forEach((id, message) -> {
                    boolean inMyRoom =
                            message.room() != null && roomsOf.get(person).contains(message.room());
                    boolean myDm = message.room() == null
                            && (message.to().equals(person) || message.from().equals(person));
                    if (inMyRoom || myDm) {
                        mine.add(id);
                    }
                });
                expected.put(person, mine);
            }
            awaitTrue(
                    () -> clients.stream().allMatch(c -> c.received().keySet().containsAll(expected.get(c.user()))),
                    () -> "every client caught up: " + clients);

            int lost = 0;
            int foreign = 0;
            for (ResilientClient client : clients) {
                Set<Long> received = client.received().keySet();
                lost += (int) expected.get(client.user()).stream()
                        .filter(id -> !received.contains(id))
                        .count();
                foreign += (int) received.stream()
                        .filter(id -> !expected.get(client.user()).contains(id))
                        .count();
            }
            int storedDuplicates = 0;
            try (ChatClient reader = ChatClient.connect(
                    entry.get(), TestTokens.forUser(people.get(1)).sign())) {
                Map<String, List<Long>> history = new HashMap<>();
                history.put("room:" + roomA, historyIds(reader, "history", "room", roomA));
                history.put("room:" + roomB, historyIds(reader, "history", "room", roomB));
                for (String other : List.of(people.get(0), people.get(2))) {
                    Sent dm = new Sent(people.get(1), null, other);
                    history.put(dm.conversation(), historyIds(reader, "dm_history", "with", other));
                }
                for (Map.Entry<String, List<Long>> conversation : history.entrySet()) {
                    List<Long> ackedHere = acknowledged.entrySet().stream()
                            .filter(e -> e.getValue().conversation().equals(conversation.getKey()))
                            .map(Map.Entry::getKey)
                            .sorted()
                            .toList();
                    storedDuplicates += conversation.getValue().size() - new HashSet<>(conversation.getValue()).size();
                    assertEquals(
                            ackedHere,
                            conversation.getValue(),
                            "history of " + conversation.getKey() + " holds exactly what was acknowledged");
                    for (ResilientClient client : clients) {
                        List<Long> seenInOrder = client.received().entrySet().stream()
                                .filter(e -> conversation.getValue().contains(e.getKey()))
                                .map(Map.Entry::getKey)
                                .toList();
                        if (!seenInOrder.isEmpty()) {
                            assertEquals(
                                    conversation.getValue().stream()
                                            .filter(seenInOrder::contains)
                                            .toList(),
                                    seenInOrder,
                                    client.user() + " saw " + conversation.getKey() + " in history order");
                        }
                    }
                }
            }
            int reconnects =
                    clients.stream().mapToInt(ResilientClient::reconnects).sum();
            int repeats = clients.stream()
                    .mapToInt(ResilientClient::repeatedDeliveries)
                    .sum();
            Outcome outcome = new Outcome(acknowledged.size(), lost, storedDuplicates, foreign, reconnects, repeats);
            System.out.println(outcome);
            return outcome;
        } finally {
            clients.forEach(ResilientClient::close);
        }
    }

    /** The whole conversation, paged backwards as a client scrolling up would. */
    private static List<Long> historyIds(ChatClient reader, String type, String field, String value) {
        List<Long> all = new ArrayList<>();
        while (true) {
            var request = all.isEmpty()
                    ? frame(type, field, value, "limit", 100)
                    : frame(type, field, value, "limit", 100, "before", all.get(0));
            List<Long> page = reader.ok(request).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getJsonNumber("id").longValue())
                    .toList();
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(0, page);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + SETTLE + ": " + what.get());
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
