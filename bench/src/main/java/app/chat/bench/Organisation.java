package app.chat.bench;

import app.chat.testsupport.TestTokens;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A company at organisation scale: everyone in the directory, a morning log-in wave of part of
 * them, each arriving client loading its conversations ({@code users}) and watching those people
 * ({@code watch}), as the web client does. Measures the presence frames the wave costs (against
 * what broadcasting every change to every connection would have cost), the server's CPU and
 * handshake rate during the wave, delivery in a busy room before and during it, and directory
 * searches among everyone afterwards.
 */
final class Organisation {

    private static final String[] FIRST =
            ("Ada Alan Amélie Anna Arjun Beatriz Björn Carla Chen Chloé Dário David Elena Émile Eva "
                            + " Farah Felix Grace Hana Hugo Ines Ivan Jakob José Julia Kai Karin Lars Lea Leila Luca Maja "
                            + " Marek Maria Mateo Mei Nadia Noah Olga Omar Pablo Priya Quentin Rosa Sami Sara Sofia Tariq "
                            + " Theo Uma Valentin Vera Wen Yara Yusuf Zoë Zofia Linus Malin Rahul")
                    .split(" +");
    private static final String[] LAST =
            ("Andersen Baker Becker Bianchi Brown Castro Chen Costa Dubois Eriksson Fischer Fontaine "
                            + " García Gomez Hansen Hoffmann Ivanova Jansen Johansson Kim Kowalski Kumar Larsen Laurent "
                            + " Lee Lindqvist López Martin Meyer Moreau Müller Nakamura Nguyen Novak Nowak Olsen Patel "
                            + " Petrov Rossi Santos Schmidt Schneider Silva Singh Smith Sørensen Suzuki Tanaka Taylor "
                            + " Thomas Vogel Wagner Wang Weber Williams Wilson Wójcik Yamamoto Zhang Zimmermann Abe Berg "
                            + " Cruz Dahl Ek Falk Gil Holm Ito Jung Krause Lund Mora Nieminen Ortiz Park Quist Ruiz Sato "
                            + " Torres Ueda Vidal Winter Xu Young")
                    .split(" +");

    private static final Pattern LISTED_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern PRESENCE_OF = Pattern.compile("\"user\":\"([^\"]+)\"");

    private final Bench bench;
    private final String prefix = "org" + Bench.suffix() + "-";

    Organisation(Bench bench) {
        this.bench = bench;
    }

    private String id(int person) {
        return prefix + person;
    }

    private static String name(int person) {
        return FIRST[person % FIRST.length] + " " + LAST[(person / FIRST.length) % LAST.length];
    }

    /**
     * @param people everyone in the directory
     * @param wave how many of them log in, as fast as the server admits them
     * @param partners how many people each one has direct conversations with
     */
    void run(int people, int wave, int partners) throws Exception {
        introduce(people);
        converse(people, partners);
        BusyRoom busy = BusyRoom.open(bench, bench.smoke ? 20 : 100, bench.smoke ? 10 : 20);
        Duration calm = Duration.ofSeconds(bench.smoke ? 2 : 10);
        Stats before = busy.measure(() -> Thread.sleep(calm.toMillis()));
        Stats ackedBefore = busy.acks();
        Stats historyBefore = busy.histories();
        Wave arrived = new Wave(wave);
        Stats during = busy.measure(() -> arrived.logIn(this));
        Stats ackedDuring = busy.acks();
        Stats historyDuring = busy.histories();
        busy.close();
        String scenario = "organisation (" + people + " people)";
        bench.report(
                scenario,
                "log-in wave of " + wave + ", each loading " + partners + " conversations and watching them",
                String.format(
                        "%.0f handshakes/s; all watching after %.1f s; server CPU %.1f s for the wave (%.2f ms per log-in)%s",
                        arrived.handshakesPerSecond,
                        arrived.seconds,
                        arrived.serverCpuSeconds,
                        arrived.serverCpuSeconds * 1000 / Math.max(1, arrived.watching.get()),
                        arrived.watching.get() < wave ? "; only " + arrived.watching.get() + " got there" : ""));
        bench.report(
                scenario,
                "during the wave, from a log-in's handshake to its conversations listed and watched (users, then watch)",
                arrived.sidebarReady.summary());
        long frames = arrived.presenceFrames.get();
        long broadcast = (long) wave * (wave - 1) / 2;
        int[] watchers = arrived.watchersOfEach();
        int most = 0;
        int beyond = 0;
        for (int person = 0; person < wave; person++) {
            int about = arrived.framesAbout.get(person);
            most = Math.max(most, about);
            if (about > watchers[person]) {
                beyond++;
            }
        }
        bench.report(
                scenario,
                "presence frames during the wave (subscriptions)",
                String.format(
                        "%d in all, %.2f per log-in; about any one person at most %d, never more than the"
                                + " connections watching them (people with more: %d; watchers each: at most %d);"
                                + " broadcasting every change to every connection would have sent %d (N(N-1)/2)",
                        frames,
                        frames / (double) wave,
                        most,
                        beyond,
                        Arrays.stream(watchers).max().orElse(0),
                        broadcast));
        bench.report(
                scenario,
                "busy room, " + busy.members() + " members, " + busy.rate()
                        + " msg/s: delivery without / during the wave",
                String.format(
                        "without: %s; during: %s; p99 ratio %.2f",
                        before.summary(), during.summary(), during.percentileMillis(99) / before.percentileMillis(99)));
        bench.report(
                scenario,
                "busy room: its publishers' acknowledgements without / during the wave",
                String.format("without: %s; during: %s", ackedBefore.summary(), ackedDuring.summary()));
        bench.report(
                scenario,
                "busy room: one of its members opening it (history, 50 messages, 4 a second) without / during the wave",
                String.format("without: %s; during: %s", historyBefore.summary(), historyDuring.summary()));
        Stats search = search(people, bench.smoke ? 50 : 500);
        bench.report(
                scenario,
                "directory search among " + people + " people (users with a query, limit 20), " + search.count()
                        + " searches with " + arrived.open.size() + " connections open",
                search.summary());
        arrived.open.forEach(Client::abort);
        Thread.sleep(bench.smoke ? 500 : 3_000);
    }

    /**
     * Everyone signs in once, as the SSO introduces them: the directory then knows their names. Each
     * leaves once the server answered its first request (it is recorded by then).
     */
    private void introduce(int people) throws InterruptedException {
        String[] tokens = signed(people, Instant.now().plus(Duration.ofHours(6)));
        Client[] clients = new Client[people];
        Semaphore inFlight = new Semaphore(256);
        CountDownLatch done = new CountDownLatch(people);
        for (int i = 0; i < people; i++) {
            inFlight.acquire();
            int person = i;
            bench.connectWithToken(person, tokens[person], bench.product(person), text -> {
                        if (!text.contains("\"type\":\"rooms\"")) {
                            return;
                        }
                        Client client;
                        synchronized (clients) {
                            client = clients[person];
                        }
                        client.abort();
                        inFlight.release();
                        done.countDown();
                    })
                    .whenComplete((client, error) -> {
                        if (client == null) {
                            inFlight.release();
                            done.countDown();
                            return;
                        }
                        synchronized (clients) {
                            clients[person] = client;
                        }
                        client.send("{\"type\":\"rooms\",\"member\":true,\"limit\":1}");
                    });
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            System.out.println("  " + done.getCount() + " of " + people + " never got an answer");
        }
        // Past the grace period: nobody of the directory is online when the wave begins.
        Thread.sleep(bench.smoke ? 1_500 : 4_000);
        System.out.println("  " + people + " people in the directory");
    }

    private String[] signed(int people, Instant expiry) {
        return IntStream.range(0, people)
                .parallel()
                .mapToObj(i -> TestTokens.forUser(id(i))
                        .name(name(i))
                        .email(name(i).toLowerCase().replace(' ', '.') + "." + i + "@example.com")
                        .expiresAt(expiry.plusSeconds(i))
                        .sign())
                .toArray(String[]::new);
    }

    /**
     * Everyone has had direct conversations with {@code partners} colleagues spread over the company
     * (half of them at steps of people / (partners / 2 + 1) after them in a ring, half before): one
     * message each, straight into the database. Spread, so that many arrive in the wave after the
     * people who watch them, as colleagues do, and not in the same handful of handshakes.
     */
    private void converse(int people, int partners) throws Exception {
        int step = Math.max(1, people / (partners / 2 + 1));
        try (Connection db = DriverManager.getConnection(bench.options.get("db"), "postgres", "");
                Statement sql = db.createStatement()) {
            sql.execute("insert into messages (from_user, to_user, content, \"timestamp\")"
                    + " select '" + prefix + "' || p, '" + prefix + "' || ((p + k * " + step + ") % " + people + "),"
                    + " 'hello', now() - interval '1 day' + (k || ' seconds')::interval"
                    + " from generate_series(0, " + (people - 1) + ") p, generate_series(1, " + partners / 2 + ") k");
            sql.execute("vacuum analyze messages");
        } catch (SQLException e) {
            throw new IllegalStateException("seeding conversations failed", e);
        }
        bench.awaitServerCaughtUp();
        System.out.println("  " + people * (partners / 2) + " direct conversations");
    }

    /** Directory searches by the first letters of a name (and of a family name, one time in three). */
    private Stats search(int people, int searches) throws Exception {
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        Client client = bench.connectWithToken(
                        0, TestTokens.forUser(prefix + "searcher").sign(), bench.product(0), answers::add)
                .get(30, TimeUnit.SECONDS);
        Stats stats = new Stats();
        for (int i = 0; i < searches; i++) {
            String name = name(ThreadLocalRandom.current().nextInt(people));
            String first = name.substring(0, name.indexOf(' '));
            String last = name.substring(name.indexOf(' ') + 1);
            String query = i % 3 == 0
                    ? first.substring(0, Math.min(3, first.length())) + " "
                            + last.substring(0, Math.min(2, last.length()))
                    : first.substring(0, Math.min(2 + i % 3, first.length()));
            answers.clear();
            long started = System.nanoTime();
            client.send("{\"type\":\"users\",\"query\":\"" + query + "\",\"limit\":20,\"ref\":\"s" + i + "\"}");
            String answer;
            do {
                answer = answers.poll(10, TimeUnit.SECONDS);
            } while (answer != null && !answer.contains("\"ref\":\"s" + i + "\""));
            if (answer == null || !answer.contains("\"type\":\"users\"")) {
                throw new IllegalStateException("no answer to a search for " + query + ": " + answer);
            }
            stats.add((System.nanoTime() - started) / 1_000);
        }
        client.abort();
        return stats;
    }

    /** The log-in wave: who arrived, how fast, and what presence it cost. */
    private static final class Wave {

        final int size;
        final AtomicInteger watching = new AtomicInteger();
        final AtomicLong presenceFrames = new AtomicLong();
        /** Per person of the wave: presence frames about them that the wave's connections received. */
        final AtomicIntegerArray framesAbout;
        /** Per person: the people they watch. */
        final List<List<Integer>> watched;
        /** Per person: when their handshake completed (System.nanoTime). */
        final long[] connectedAt;
        /** From a connection's handshake to the answer of its watch: its sidebar loaded and live. */
        final Stats sidebarReady = new Stats();

        final List<Client> open = new ArrayList<>();
        double handshakesPerSecond;
        double seconds;
        double serverCpuSeconds;

        Wave(int size) {
            this.size = size;
            framesAbout = new AtomicIntegerArray(size);
            connectedAt = new long[size];
            watched = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                watched.add(List.of());
            }
        }

        void logIn(Organisation organisation) throws InterruptedException {
            Bench bench = organisation.bench;
            String[] tokens = organisation.signed(size, Instant.now().plus(Duration.ofHours(7)));
            Client[] clients = new Client[size];
            Semaphore inFlight = new Semaphore(256);
            CountDownLatch handshakes = new CountDownLatch(size);
            long cpuBefore = bench.serverCpuNanos();
            long started = System.nanoTime();
            for (int i = 0; i < size; i++) {
                inFlight.acquire();
                int person = i;
                bench.connectWithToken(
                                person,
                                tokens[person],
                                bench.product(person),
                                text -> received(organisation, clients, person, text))
                        .whenComplete((client, error) -> {
                            inFlight.release();
                            if (client != null) {
                                synchronized (clients) {
                                    clients[person] = client;
                                    connectedAt[person] = System.nanoTime();
                                    open.add(client);
                                }
                                client.send("{\"type\":\"users\",\"ref\":\"conversations\"}");
                            }
                            handshakes.countDown();
                        });
            }
            handshakes.await();
            handshakesPerSecond = size / ((System.nanoTime() - started) / 1e9);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (watching.get() < open.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            seconds = (System.nanoTime() - started) / 1e9;
            serverCpuSeconds = (bench.serverCpuNanos() - cpuBefore) / 1e9;
        }

        /** Runs on the connection's event loop: answers the conversations with a watch of those people. */
        private void received(Organisation organisation, Client[] clients, int person, String text) {
            if (text.contains("\"type\":\"presence\"")) {
                presenceFrames.incrementAndGet();
                Matcher subject = PRESENCE_OF.matcher(text);
                if (subject.find()) {
                    int about = Integer.parseInt(subject.group(1).substring(organisation.prefix.length()));
                    if (about < size) {
                        framesAbout.incrementAndGet(about);
                    }
                }
            } else if (text.contains("\"ref\":\"conversations\"")) {
                List<Integer> partners = new ArrayList<>();
                StringBuilder watch = new StringBuilder("{\"type\":\"watch\",\"ref\":\"watch\",\"users\":[");
                Matcher ids = LISTED_ID.matcher(text);
                while (ids.find()) {
                    partners.add(Integer.parseInt(ids.group(1).substring(organisation.prefix.length())));
                    watch.append(partners.size() > 1 ? "," : "")
                            .append('"')
                            .append(ids.group(1))
                            .append('"');
                }
                watched.set(person, partners);
                Client client;
                synchronized (clients) {
                    client = clients[person];
                }
                client.send(watch.append("]}").toString());
            } else if (text.contains("\"ref\":\"watch\"")) {
                long since;
                synchronized (clients) {
                    since = connectedAt[person];
                }
                sidebarReady.add((System.nanoTime() - since) / 1_000);
                watching.incrementAndGet();
            }
        }

        /** Per person of the wave: how many of the wave's connections watch them. */
        int[] watchersOfEach() {
            int[] watchers = new int[size];
            for (List<Integer> people : watched) {
                for (int person : people) {
                    if (person < size) {
                        watchers[person]++;
                    }
                }
            }
            return watchers;
        }
    }

    /** A room that keeps talking: its delivery latency, measured while something else happens. */
    private static final class BusyRoom {

        private final List<Client> members;
        private final int rate;
        private final Bench bench;
        private final String room;
        private volatile Stats stats = new Stats();
        /** The publishers' acknowledgements: from sending until the ack (stored, committed). */
        private volatile Stats acks = new Stats();
        /** A member at work asking for the room's latest page, as opening the conversation does. */
        private volatile Stats histories = new Stats();

        private BusyRoom(Bench bench, List<Client> members, int rate, String room) {
            this.bench = bench;
            this.members = members;
            this.rate = rate;
            this.room = room;
        }

        static BusyRoom open(Bench bench, int size, int rate) throws Exception {
            String room = "busy-" + Bench.suffix();
            AtomicInteger joined = new AtomicInteger();
            BusyRoom[] self = new BusyRoom[1];
            List<Client> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Consumer<String> listener = text -> {
                    int acked = text.indexOf("\"ref\":\"a");
                    if (acked >= 0 && self[0] != null && text.contains("\"type\":\"ack\"")) {
                        self[0].acks.add(microsSince(text, acked + 8));
                        return;
                    }
                    int history = text.lastIndexOf("\"ref\":\"h");
                    if (history >= 0 && self[0] != null && text.startsWith("{\"type\":\"history\"")) {
                        self[0].histories.add(microsSince(text, history + 8));
                        return;
                    }
                    int at = text.indexOf("t=");
                    if (at >= 0 && self[0] != null) {
                        self[0].stats.add(microsSince(text, at + 2));
                    } else if (text.contains("\"type\":\"joined\"")) {
                        joined.incrementAndGet();
                    }
                };
                URI target = bench.product(i);
                members.add(
                        bench.connectObserver(i, TestTokens.forUser("busy" + i).sign(), target, listener)
                                .get(30, TimeUnit.SECONDS));
            }
            Bench.joinPaced(members, i -> room, joined);
            self[0] = new BusyRoom(bench, members, rate, room);
            return self[0];
        }

        /** Microseconds since the System.nanoTime() written in the text from {@code from} up to a quote. */
        private static long microsSince(String text, int from) {
            long sent = Long.parseLong(text, from, text.indexOf('"', from), 10);
            return (System.nanoTime() - sent) / 1_000;
        }

        int members() {
            return members.size();
        }

        int rate() {
            return rate;
        }

        interface During {
            void run() throws Exception;
        }

        /** A message whose content and ref carry the time it was sent. */
        private String published(long now) {
            return "{\"type\":\"message\",\"room\":\"" + room + "\",\"content\":\"t=" + now + "\",\"ref\":\"a" + now
                    + "\"}";
        }

        /** The acknowledgements of what the last {@link #measure} published. */
        Stats acks() {
            return acks;
        }

        /** The history pages asked for during the last {@link #measure}. */
        Stats histories() {
            return histories;
        }

        /** The room's delivery latencies while {@code during} runs. */
        Stats measure(During during) throws Exception {
            stats = new Stats();
            acks = new Stats();
            histories = new Stats();
            Client reader = members.get(members.size() - 1);
            var reading = bench.timer.scheduleAtFixedRate(
                    () -> {
                        long now = System.nanoTime();
                        reader.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":50,\"ref\":\"h" + now
                                + "\"}");
                    },
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            AtomicInteger next = new AtomicInteger();
            var publishing = bench.timer.scheduleAtFixedRate(
                    () -> members.get(next.getAndIncrement() % Math.min(5, members.size()))
                            .send(published(System.nanoTime())),
                    0,
                    1_000_000L / rate,
                    TimeUnit.MICROSECONDS);
            try {
                during.run();
            } finally {
                publishing.cancel(false);
                reading.cancel(false);
            }
            Thread.sleep(1_000);
            return stats;
        }

        void close() {
            members.forEach(Client::abort);
        }
    }
}
