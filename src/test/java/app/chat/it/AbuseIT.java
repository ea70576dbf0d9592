package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.BystanderLatency;
import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.RawWebSocket;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * One ordinary account misbehaving, with the product's default limits (the test environment
 * switches some off for other tests; they are set back to their defaults here), while a second
 * account measures its own ack latency (BystanderLatency): each abuse is refused or absorbed with a
 * clear answer, and nobody else notices.
 */
class AbuseIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.warWithConfig("""
                chat.rate.messages-per-second=10
                chat.rate.burst=30
                chat.rate.requests-per-second=50
                chat.rate.requests-burst=200
                chat.limit.queue-bytes-per-connection=262144
                chat.oidc.issuer=http://keycloak.test:8180/realms/acme
                chat.oidc.client-id=chat-web
                """);
    }

    private static String code(JsonObject answer) {
        return answer.getString("type").equals("error") ? answer.getString("code") : answer.getString("type");
    }

    private static long count(List<JsonObject> events, String code) {
        return events.stream().filter(event -> code.equals(code(event))).count();
    }

    @Test
    void aFloodOfReadsIsRefusedWithARetryHintWhileOthersCarryOn() {
        String room = unique("library");
        try (ChatClient abuser = connect(unique("reader"));
                ChatClient bystander = connect(unique("bystander"))) {
            abuser.join(room);
            List<String> reads = List.of(
                    frame("history", "room", room).build().toString(),
                    frame("dm_history", "with", "nobody-" + room).build().toString(),
                    frame("rooms").build().toString(),
                    frame("users").build().toString(),
                    frame("resume", "after", 0).build().toString());
            List<JsonObject> answers = new ArrayList<>();
            BystanderLatency.whileAbusing(bystander, unique("quiet"), "a flood of reads", () -> {
                for (int i = 0; i < 50; i++) {
                    abuser.sendRaw(reads.get(i % reads.size()));
                }
                answers.add(abuser.request(frame("history", "room", room)));
                return true;
            });
            assertTrue(count(answers, "rate_limited") > answers.size() / 2, "most reads refused: " + answers.size());
            JsonObject refusal = answers.stream()
                    .filter(answer -> "rate_limited".equals(code(answer)))
                    .findFirst()
                    .orElseThrow();
            assertTrue(refusal.getInt("retry_after_ms") > 0, refusal.toString());
            assertTrue(refusal.containsKey("ref"), "answered to the request that was refused");
            abuser.assertNothing(event -> "internal".equals(event.getString("code", null)), BystanderLatency.FLOOR);
        }
    }

    @Test
    void framesThatCannotBeParsedAreChargedLikeRequests() {
        try (ChatClient mallory = connect(unique("garbler"))) {
            for (int i = 0; i < 260; i++) {
                mallory.sendRaw("{\"ref\":\"g" + i + "\", not json");
            }
            JsonObject last = mallory.await(event -> "g259".equals(event.getString("ref", null)));
            List<JsonObject> answers = mallory.received();
            assertTrue(count(answers, "rate_limited") > 0, "past the allowance: " + last);
            assertTrue(count(answers, "bad_request") >= 200, "within it, each is told what is wrong");
        }
    }

    @Test
    void replaysAskedForInTheHandshakeArePaidFromTheReadsAllowance() {
        String user = unique("resumer");
        String token = TestTokens.forUser(user).sign();
        URI resuming = URI.create(ws() + "?after=0");
        int resumed = 0;
        int refused = 0;
        for (int i = 0; i < 200 && refused == 0; i++) {
            try (ChatClient client = ChatClient.connect(resuming, token)) {
                long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
                OptionalInt closed = OptionalInt.empty();
                boolean answered = false;
                while (!answered && closed.isEmpty() && System.nanoTime() < deadline) {
                    closed = client.closeWithin(Duration.ofMillis(20));
                    answered = client.received().stream().anyMatch(event -> "resumed".equals(event.getString("type")));
                }
                if (closed.isPresent()) {
                    // Closed before any live message could reach it: the client comes back later
                    // from the same cursor, without a gap.
                    assertEquals(1013, closed.getAsInt());
                    refused++;
                } else {
                    assertTrue(answered, "resumed or refused within " + ChatClient.WAIT);
                    resumed++;
                }
            }
        }
        assertEquals(1, refused, "refused once past the allowance");
        assertTrue(resumed >= 30, "the allowance's burst first: " + resumed + " resumed");
    }

    @Test
    void messagesAndTypingToMadeUpPeopleAreRefusedBeforeAnyoneIsLookedUp() {
        try (ChatClient abuser = connect(unique("prober"));
                ChatClient bystander = connect(unique("bystander"))) {
            AtomicInteger sent = new AtomicInteger();
            long started = System.nanoTime();
            BystanderLatency.whileAbusing(bystander, unique("quiet"), "direct messages to made-up ids", () -> {
                for (int i = 0; i < 20; i++) {
                    int n = sent.incrementAndGet();
                    abuser.sendRaw(frame("dm", "to", "ghost-" + n, "content", "boo")
                            .build()
                            .toString());
                    abuser.sendRaw(frame("typing", "to", "ghost-" + n).build().toString());
                }
                abuser.request(frame("typing", "to", "ghost-last"));
                return true;
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            List<JsonObject> answers = abuser.received();
            long lookedUp = count(answers, "unknown_user");
            // Only what the send and typing allowances let through reaches the lookup.
            assertTrue(lookedUp <= 30 + 5 + (10 + 2) * seconds + 5, lookedUp + " lookups in " + seconds + " s");
            assertTrue(count(answers, "rate_limited") > 0);
        }
    }

    @Test
    void joiningThousandsOfNewNamesCreatesOnlyAHandfulOfRooms() {
        String prefix = unique("squat").replace("-", "");
        try (ChatClient abuser = connect(unique("squatter"));
                ChatClient bystander = connect(unique("bystander"))) {
            AtomicInteger tries = new AtomicInteger();
            List<String> outcomes = new ArrayList<>();
            BystanderLatency.whileAbusing(bystander, unique("quiet"), "joins of new room names", () -> {
                outcomes.add(code(abuser.request(frame("join", "room", prefix + "-" + tries.incrementAndGet()))));
                return tries.get() < 5_000;
            });
            assertTrue(outcomes.size() > 50, "the abuse ran: " + outcomes.size());
            assertEquals(5, outcomes.stream().filter("joined"::equals).count(), "the room creation burst");
            assertEquals(Set.of("joined", "rate_limited"), Set.copyOf(outcomes));
            JsonObject listing = bystander.ok(frame("rooms", "prefix", prefix));
            assertEquals(5, listing.getJsonArray("rooms").size());
        }
    }

    @Test
    void reinvitingAMemberChangesNothingAndInvitationsAreRateLimited() {
        String room = unique("ops");
        String inviteeId = unique("invitee");
        try (ChatClient abuser = connect(unique("inviter"));
                ChatClient invitee = connect(inviteeId);
                ChatClient bystander = connect(unique("bystander"))) {
            abuser.ok(frame("create_room", "room", room, "private", true));
            List<JsonObject> answers = new ArrayList<>();
            BystanderLatency.whileAbusing(bystander, unique("quiet"), "re-invitations", () -> {
                answers.add(abuser.request(frame("invite", "room", room, "user", inviteeId)));
                return answers.size() < 400;
            });
            JsonObject first = answers.get(0);
            assertEquals("invited", first.getString("type"));
            assertFalse(first.containsKey("already_member"));
            assertTrue(answers.get(1).getBoolean("already_member"));
            assertTrue(count(answers, "rate_limited") > 0, "invitations beyond the burst are refused");
            JsonObject event = invitee.awaitType("invited");
            assertEquals(room, event.getString("room"));
            assertTrue(event.getBoolean("private"));
            invitee.assertNothing(e -> e.getString("type").equals("invited"), QUIET);
        }
    }

    @Test
    void theRoomListingIsPagedInNameOrderAndSearchedByPrefix() {
        String prefix = unique("paged").replace("-", "");
        try (ChatClient first = connect(unique("maker"));
                ChatClient second = connect(unique("maker"))) {
            Set<String> made = new TreeSet<>();
            for (int i = 0; i < 7; i++) {
                String name = prefix + "-" + i;
                (i < 4 ? first : second).ok(frame("create_room", "room", name));
                made.add(name);
            }
            List<String> listed = new ArrayList<>();
            JsonObject page = first.ok(frame("rooms", "prefix", prefix, "limit", 3));
            int pages = 1;
            while (true) {
                page.getJsonArray("rooms")
                        .forEach(room -> listed.add(room.asJsonObject().getString("name")));
                if (!page.containsKey("next")) {
                    break;
                }
                page = first.ok(frame("rooms", "prefix", prefix, "limit", 3, "after", page.getString("next")));
                pages++;
            }
            assertEquals(List.copyOf(made), listed);
            assertEquals(3, pages);
            JsonObject mine = first.ok(frame("rooms", "member", true, "prefix", prefix));
            assertEquals(4, mine.getJsonArray("rooms").size());
            assertEquals("bad_request", code(first.request(frame("rooms", "limit", 201))));
        }
    }

    @Test
    void aClientThatAsksForHistoryAndStopsReadingIsCutAtItsByteBound() throws Exception {
        String room = unique("noisy");
        String readerId = unique("hoarder");
        // 60 messages of a letter and 3999 control characters: 24 KB of JSON each, 5 per history page.
        String heavy = "x" + "\u0001".repeat(3999);
        try (ChatClient one = connect(unique("poster"));
                ChatClient two = connect(unique("poster"));
                ChatClient bystander = connect(unique("bystander"))) {
            one.join(room);
            two.join(room);
            for (int i = 0; i < 30; i++) {
                one.post(room, heavy);
                two.post(room, heavy);
            }
            try (RawWebSocket hoarder =
                    RawWebSocket.open(base, TestTokens.forUser(readerId).sign(), 4096)) {
                bystander.watchOnceKnown(readerId);
                AtomicInteger asked = new AtomicInteger();
                String ask =
                        frame("history", "room", room, "limit", 100).build().toString();
                BystanderLatency.whileAbusing(
                        bystander,
                        unique("quiet"),
                        "history pages nobody reads",
                        () -> askUnlessHungUp(hoarder, ask) && asked.incrementAndGet() < 2_000);
                // Keep asking (at the read allowance) until the server gives up on the hoarder.
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (bystander.received().stream()
                        .noneMatch(e -> e.getString("type").equals("presence")
                                && e.getString("user").equals(readerId)
                                && !e.getBoolean("online"))) {
                    assertTrue(
                            System.nanoTime() < deadline,
                            "the hoarder was never cut after " + asked.get() + " requests");
                    if (askUnlessHungUp(hoarder, ask)) {
                        asked.incrementAndGet();
                    }
                    Thread.sleep(100);
                }
                System.out.println("History requests before the hoarder was cut: " + asked.get());
            }
        }
    }

    /** Sends one request; false once the server has hung up, which is what the byte bound is for. */
    private static boolean askUnlessHungUp(RawWebSocket socket, String request) {
        try {
            socket.sendText(request);
            return true;
        } catch (java.io.IOException hungUp) {
            return false;
        }
    }

    @Test
    void namesAreShownWithoutDirectionOverridesAndInvisibleMessagesAreRefused() {
        String spoofId = unique("spoof");
        String room = unique("names");
        try (ChatClient spoof = ChatClient.connect(
                        ws(),
                        TestTokens.forUser(spoofId)
                                .name("\u202Egnp.exe\u200B Bob")
                                .sign());
                ChatClient other = connect(unique("other"))) {
            spoof.join(room);
            assertEquals(
                    "bad_request",
                    code(spoof.request(frame("message", "room", room, "content", "\u200B\u2060\u202E "))));
            JsonObject me = other.watch(spoofId).getJsonArray("users").stream()
                    .map(JsonObject.class::cast)
                    .filter(user -> user.getString("id").equals(spoofId))
                    .findFirst()
                    .orElseThrow();
            assertEquals("gnp.exe Bob", me.getString("name"));
        }
    }

    @Test
    void thePageAllowsConnectionsOnlyToThisServerAndTheConfiguredSignIn() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "rooms/general"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String connect = java.util.Arrays.stream(policy.split(";"))
                .map(String::strip)
                .filter(directive -> directive.startsWith("connect-src"))
                .findFirst()
                .orElseThrow();
        String host = base.getHost() + ":" + base.getPort();
        assertEquals("connect-src 'self' ws://" + host + " wss://" + host + " http://keycloak.test:8180", connect);
    }
}
