package app.chat.bench;

import app.chat.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The load generator: runs the benchmark scenarios against a running server and appends a markdown
 * table of figures to a file. Run by bench/run (full sizes) and by BenchSmokeIT (tiny sizes).
 *
 * <pre>
 * java app.chat.bench.Bench --url http://127.0.0.1:8080/ --db jdbc:postgresql://127.0.0.1:5432/chat_bench
 *     [--baseline ws://127.0.0.1:8080/baseline/broadcast] [--server-pid PID] [--scale smoke|full] [--out FILE]
 * </pre>
 *
 * With several instances of the server on one database, {@code --url} and {@code --server-pid} list
 * them all, comma-separated: connections are spread over the instances in turn, CPU and memory
 * figures are summed over them, and the fanout publishers post on the first instance so that the
 * members on the others measure what crossing instances adds.
 */
public final class Bench {

    final Map<String, String> options;
    /** The product's WebSocket address on each instance; connection number i goes to instance i mod n. */
    private final List<URI> instances;

    final boolean smoke;
    /**
     * What every connection offers before its token: {@code --framing chat.v2} (the default, as the
     * web client) offers chat.v2 then chat.v1; {@code --framing chat.v1} offers chat.v1 only.
     */
    private final String subprotocols;
    /** The servers' GC logs ({@code --gc-log}, comma-separated); none for a server that is not a JVM. */
    private final List<Path> gcLogs;
    /** Rounds per measurement; figures are the medians of the rounds. */
    final int repeat;

    private final List<String> rows = new ArrayList<>();
    private final Map<String, Double> figures = new java.util.LinkedHashMap<>();
    private final Network network = new Network(2);
    /**
     * An event loop of its own for connections that measure while a crowd arrives on the others:
     * the people of a busy room are not the browsers of the crowd, and must not wait behind their
     * handshakes in the load generator.
     */
    private final Network observers = new Network(1);

    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** USER_HZ, the unit of /proc/PID/stat's CPU times: 100 on Linux on x86 and ARM. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private Bench(Map<String, String> options) {
        this.options = options;
        this.instances = java.util.Arrays.stream(
                        options.getOrDefault("url", "http://127.0.0.1:8080/").split(","))
                .map(url -> URI.create(url.replaceFirst("^http", "ws") + (url.endsWith("/") ? "" : "/") + "ws"))
                .toList();
        this.smoke = "smoke".equals(options.getOrDefault("scale", "full"));
        this.subprotocols = switch (options.getOrDefault("framing", "chat.v2")) {
            case "chat.v2" -> "chat.v2,chat.v1";
            case "chat.v1" -> "chat.v1";
            default -> throw new IllegalArgumentException("--framing takes chat.v2 or chat.v1");
        };
        this.repeat = smoke ? 1 : Integer.parseInt(options.getOrDefault("repeat", "3"));
        this.gcLogs = options.containsKey("gc-log")
                ? java.util.Arrays.stream(options.get("gc-log").split(","))
                        .map(Path::of)
                        .toList()
                : List.of();
    }

    public static void main(String[] args) throws Exception {
        run(args);
    }

    /** Runs the scenarios and returns the rows of the figures table. */
    public static List<String> run(String... args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Bench bench = new Bench(options);
        try {
            bench.runScenarios();
            return List.copyOf(bench.rows);
        } finally {
            bench.timer.shutdownNow();
            bench.network.close();
            bench.observers.close();
        }
    }

    private void runScenarios() throws Exception {
        String only =
                options.getOrDefault("only", "idle,fanout,baseline,durable,offered,history,search,organisation,storm");
        if (!smoke) {
            warmUp(Integer.parseInt(options.getOrDefault("warm-up", "10000")));
        }
        if (options.containsKey("jfr") && options.containsKey("server-pid")) {
            // After the warm-up: the profile is of the scenarios, not of class loading and JIT.
            System.out.println(command(
                    "jcmd",
                    serverPids().get(0),
                    "JFR.start",
                    "name=bench",
                    "settings="
                            + Path.of(options.getOrDefault("jfr-settings", "bench/cpu-samples.jfc"))
                                    .toAbsolutePath(),
                    "filename=" + Path.of(options.get("jfr")).toAbsolutePath()));
        }
        if (only.contains("idle")) {
            idle(smoke ? 200 : Integer.parseInt(options.getOrDefault("idle", "19500")));
        }
        if (only.contains("fanout")) {
            int[] rates = smoke ? new int[] {5} : numbers("rates", "10,25,50,75,100,200");
            fanout("chat", smoke ? 50 : 1000, rates);
            // The baseline is the container's own ceiling, on one instance: no figure of several.
            if (only.contains("baseline") && options.containsKey("baseline") && instances.size() == 1) {
                fanout("baseline", smoke ? 50 : 1000, rates);
            }
        }
        if (only.contains("durable")) {
            durable(smoke ? 5 : 100, smoke ? 2 : 10, smoke ? 3 : 15);
        }
        if (only.contains("offered")) {
            int[] offered = smoke ? new int[] {50} : numbers("offered", "1000,2000,4000,6000");
            offeredLoad(smoke ? 5 : 100, smoke ? 2 : 10, smoke ? 2 : 10, offered);
        }
        if (only.contains("history")) {
            history(smoke ? 20_000 : 1_000_000, smoke ? 50 : 500);
        }
        if (only.contains("search")) {
            new SearchScenario(this)
                    .run(
                            smoke ? 20_000 : Integer.parseInt(options.getOrDefault("search-messages", "5000000")),
                            smoke ? 20 : 200);
        }
        if (only.contains("organisation")) {
            new Organisation(this)
                    .run(
                            smoke ? 300 : Integer.parseInt(options.getOrDefault("people", "20000")),
                            smoke ? 150 : Integer.parseInt(options.getOrDefault("wave", "10000")),
                            20);
        }
        if (only.contains("storm")) {
            storm(
                    smoke ? 200 : Integer.parseInt(options.getOrDefault("storm", "10000")),
                    Duration.ofSeconds(smoke ? 2 : 10));
        }
        if (options.containsKey("jfr") && options.containsKey("server-pid")) {
            System.out.println(command("jcmd", serverPids().get(0), "JFR.stop", "name=bench"));
        }
        String table = "| scenario | figure | value |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), table);
        }
        if (options.containsKey("figures")) {
            StringBuilder lines = new StringBuilder();
            figures.forEach(
                    (key, value) -> lines.append(key).append('=').append(value).append('\n'));
            Files.writeString(Path.of(options.get("figures")), lines);
        }
    }

    /** A comma-separated option: {@code --rates 10,25,50}. */
    private int[] numbers(String option, String otherwise) {
        return java.util.Arrays.stream(options.getOrDefault(option, otherwise).split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    /**
     * A headline figure under a stable key (for example {@code fanout.p99.50}), written to the
     * {@code --figures} file for the side-by-side table of {@code bench/run --peer}.
     */
    void figure(String key, double value) {
        if (!Double.isNaN(value)) {
            figures.put(key, value);
        }
    }

    void report(String scenario, String figure, String value) {
        String row = "| " + scenario + " | " + figure + " | " + value + " |";
        System.out.println(row);
        rows.add(row);
    }

    private String token(String user) {
        return tokens.computeIfAbsent(
                user,
                u -> TestTokens.forUser(u)
                        .expiresAt(Instant.now().plus(Duration.ofHours(6)))
                        .sign());
    }

    /** Past ~28 000 connections one destination address runs out of ports: spread over 127.0.0.x. */
    private URI address(URI uri, int connection) {
        if (!uri.getHost().equals("127.0.0.1")) {
            return uri;
        }
        String host = "127.0.0." + (1 + connection / 20_000);
        return URI.create(uri.toString().replace("127.0.0.1", host));
    }

    /** The instance connection number {@code index} goes to. */
    URI product(int index) {
        return instances.get(index % instances.size());
    }

    /** Whether connection number {@code index} is on the first instance, where the fanout publishers are. */
    private boolean onFirstInstance(int index) {
        return index % instances.size() == 0;
    }

    private CompletableFuture<Client> connect(int index, String user, Consumer<String> onText) {
        return connectWithToken(index, user == null ? null : token(user), product(index), onText);
    }

    CompletableFuture<Client> connectWithToken(int index, String token, URI target, Consumer<String> onText) {
        return Client.open(network, address(target, index), subprotocols, token, onText);
    }

    /** Opens a connection that measures, on the observers' event loop (see {@link #observers}). */
    CompletableFuture<Client> connectObserver(int index, String token, URI target, Consumer<String> onText) {
        return Client.open(observers, address(target, index), subprotocols, token, onText);
    }

    /**
     * Opens n connections with the users' shared tokens, at most `parallel` handshakes at a time;
     * the list is in connection-number order.
     */
    private List<Client> openMany(
            int n,
            int parallel,
            java.util.function.IntFunction<String> userOf,
            java.util.function.IntFunction<URI> target,
            java.util.function.IntFunction<Consumer<String>> listener)
            throws InterruptedException {
        return openRange(
                0, n, parallel, i -> userOf.apply(i) == null ? null : token(userOf.apply(i)), target, listener);
    }

    /**
     * Opens connections number {@code from} (inclusive) to {@code to} (exclusive), each with its
     * token (null: none), at most `parallel` handshakes at a time. The list is in connection-number
     * order, whatever order the handshakes completed in: scenarios pair connection i with listener i.
     */
    private List<Client> openRange(
            int from,
            int to,
            int parallel,
            java.util.function.IntFunction<String> tokenOf,
            java.util.function.IntFunction<URI> target,
            java.util.function.IntFunction<Consumer<String>> listener)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(parallel);
        Client[] opened = new Client[to - from];
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(to - from);
        for (int i = from; i < to; i++) {
            inFlight.acquire();
            int index = i;
            connectWithToken(index, tokenOf.apply(index), target.apply(index), listener.apply(index))
                    .whenComplete((client, error) -> {
                        inFlight.release();
                        if (error != null) {
                            failed.incrementAndGet();
                        } else {
                            opened[index - from] = client;
                        }
                        done.countDown();
                    });
        }
        done.await();
        if (failed.get() > 0) {
            System.out.println("  " + failed.get() + " of " + (to - from) + " connections failed");
        }
        return java.util.Arrays.stream(opened)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private void closeAll(List<Client> open) throws InterruptedException {
        open.forEach(Client::abort);
        Thread.sleep(smoke ? 500 : 3_000);
    }

    /**
     * Runs every path at volume before anything is measured: a freshly started JVM interprets before
     * it compiles, and the first scenario would measure that instead (handshakes measured after a
     * warm-up of 3 000 connections ran at half the rate of those measured after 25 000).
     */
    private void warmUp(int connections) throws Exception {
        String room = "warm-up-" + suffix();
        AtomicInteger joined = new AtomicInteger();
        String[] tokens = ownTokens("warm", 50, connections);
        List<Client> open = openRange(0, connections, 256, i -> tokens[i], this::product, i -> text -> {
            if (text.contains("\"type\":\"joined\"")) {
                joined.incrementAndGet();
            }
        });
        joinPaced(open, i -> room, joined);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < Math.min(10, open.size()); i++) {
                open.get(i).send("{\"type\":\"message\",\"room\":\"" + room + "\",\"content\":\"warm-up\"}");
            }
            Thread.sleep(100);
        }
        closeAll(open);
        System.out.println("  warmed up with " + open.size() + " connections");
    }

    /**
     * One token per connection, {@code n} in all, for {@code users} users ({@code prefix0}…): each
     * expires a second later than the one before, so no two are the same string.
     */
    private static String[] ownTokens(String prefix, int users, int n) {
        Instant expiry = Instant.now().plus(Duration.ofHours(6));
        return java.util.stream.IntStream.range(0, n)
                .parallel()
                .mapToObj(i -> TestTokens.forUser(prefix + (i % users))
                        .expiresAt(expiry.plusSeconds(i))
                        .sign())
                .toArray(String[]::new);
    }

    // 1. Idle connections
    private void idle(int n) throws Exception {
        String room = "idle-" + suffix();
        AtomicInteger joined = new AtomicInteger();
        // Few users with many connections each (presence is announced once per user, not per
        // connection), but every connection with a token of its own, as every browser has: the
        // server's cache of verified tokens must not flatter the handshake rate.
        String[] ownTokens = ownTokens("idle", 20, n);
        java.util.function.IntFunction<Consumer<String>> listener = i -> text -> {
            if (text.contains("\"type\":\"joined\"")) {
                joined.incrementAndGet();
            }
        };
        // Memory is measured between the two halves, so the server's one-time costs (thread pools
        // growing, caches filling) are not charged to the connections.
        long started = System.nanoTime();
        List<Client> first = openRange(0, n / 2, 256, i -> ownTokens[i], this::product, listener);
        double seconds = (System.nanoTime() - started) / 1e9;
        joinPaced(first, i -> room, joined);
        Footprint half = footprint();
        started = System.nanoTime();
        List<Client> second = openRange(n / 2, n, 256, i -> ownTokens[i], this::product, listener);
        seconds += (System.nanoTime() - started) / 1e9;
        joined.set(0);
        joinPaced(second, i -> room, joined);
        Footprint full = footprint();
        report("idle connections", "connections held", String.valueOf(first.size() + second.size()));
        report(
                "idle connections",
                "handshakes per second",
                String.format("%.0f", (first.size() + second.size()) / seconds));
        reportFootprint("idle connections", half, full, second.size());
        closeAll(first);
        closeAll(second);
        if (options.containsKey("baseline")) {
            idleBaseline(n);
        }
    }

    /** What a bare WebSocket connection costs on the same server: the floor under the product's figure. */
    private void idleBaseline(int n) throws Exception {
        URI baseline = URI.create(options.get("baseline"));
        List<Client> first = openRange(0, n / 2, 256, i -> null, i -> baseline, i -> text -> {});
        Footprint half = footprint();
        List<Client> second = openRange(n / 2, n, 256, i -> null, i -> baseline, i -> text -> {});
        Footprint full = footprint();
        reportFootprint("idle connections, baseline (no auth, no storage)", half, full, second.size());
        closeAll(first);
        closeAll(second);
    }

    /** The server's heap after a full collection and its resident memory, in bytes (-1: unknown). */
    private record Footprint(long heap, long rss) {}

    private Footprint footprint() {
        return new Footprint(serverHeapAfterGc(), serverRss());
    }

    private void reportFootprint(String scenario, Footprint before, Footprint after, int added) {
        if (before.heap() > 0 && after.heap() > 0) {
            report(
                    scenario,
                    "server heap per connection (after full GC, marginal over the second half)",
                    String.format("%.1f KB", (after.heap() - before.heap()) / 1024.0 / added));
        }
        if (before.rss() > 0 && after.rss() > 0) {
            report(
                    scenario,
                    "server RSS per connection beyond the pre-touched heap (marginal over the second half)",
                    String.format("%.1f KB", (after.rss() - before.rss()) / 1024.0 / added));
        }
    }

    // 2. Fanout (product or baseline)
    private void fanout(String target, int members, int[] rates) throws Exception {
        boolean baseline = target.equals("baseline");
        java.util.function.IntFunction<URI> uri = baseline ? i -> URI.create(options.get("baseline")) : this::product;
        // Publishers are on the first instance: with several, the members on the others measure
        // what crossing instances adds (their own figures, beside those of the first instance's).
        boolean across = !baseline && instances.size() > 1;
        String room = "fanout-" + suffix();
        Stats[] here = {new Stats()};
        Stats[] elsewhere = {new Stats()};
        AtomicLong deliveries = new AtomicLong();
        AtomicInteger joined = new AtomicInteger();
        List<Client> open = openMany(members, 128, i -> baseline ? null : "fan" + i, uri, i -> text -> {
            int at = text.indexOf("t=");
            if (at >= 0) {
                int end = text.indexOf('"', at);
                long sent = Long.parseLong(end < 0 ? text.substring(at + 2) : text.substring(at + 2, end));
                long micros = (System.nanoTime() - sent) / 1_000;
                (across && !onFirstInstance(i) ? elsewhere : here)[0].add(micros);
                deliveries.incrementAndGet();
            } else if (text.contains("\"type\":\"joined\"")) {
                joined.incrementAndGet();
            }
        });
        if (!baseline) {
            joinPaced(open, i -> room, joined);
        }
        Thread.sleep(smoke ? 500 : 3_000); // let presence traffic settle
        List<Client> publishers = java.util.stream.IntStream.range(0, open.size())
                .filter(i -> baseline || onFirstInstance(i))
                .limit(5)
                .mapToObj(open::get)
                .toList();
        String label = baseline ? "fanout, baseline (no auth, no storage)" : "fanout";
        double best = 0;
        double highest = 0;
        String bestLine = "p99 above 100 ms at every rate tried";
        int seconds = smoke ? 2 : 8;
        if (!smoke) {
            // The fanout path's own warm-up: the general one runs joins and a few messages, not a
            // steady stream to a thousand members, and the first rate measured the JIT instead.
            publish(publishers, baseline ? null : room, rates[0], 10);
            System.out.println("  " + (baseline ? "fanout, baseline" : "fanout") + ": warmed up at " + rates[0]
                    + " msg/s for 10 s (" + deliveries.get() + " deliveries)");
        }
        for (int rate : rates) {
            List<Round> rounds = new ArrayList<>();
            List<Round> roundsHere = new ArrayList<>();
            List<Round> roundsElsewhere = new ArrayList<>();
            List<Double> cpuPerDelivery = new ArrayList<>();
            List<Double> databaseCpuPerPost = new ArrayList<>();
            List<Double> longestPause = new ArrayList<>();
            for (int round = 0; round < repeat; round++) {
                here[0] = new Stats();
                elsewhere[0] = new Stats();
                deliveries.set(0);
                long cpuBefore = serverCpuNanos();
                long databaseCpuBefore = databaseCpuNanos();
                Instant began = Instant.now();
                int published = publish(publishers, baseline ? null : room, rate, seconds);
                GcPauses pauses = gcPauses(began);
                longestPause.add(pauses.longestMillis());
                Stats all = Stats.merged(here[0], elsewhere[0]);
                rounds.add(new Round(deliveries.get() / (double) seconds, all));
                roundsHere.add(new Round(0, here[0]));
                roundsElsewhere.add(new Round(0, elsewhere[0]));
                cpuPerDelivery.add((serverCpuNanos() - cpuBefore) / 1_000.0 / Math.max(1, deliveries.get()));
                databaseCpuPerPost.add((databaseCpuNanos() - databaseCpuBefore) / 1_000.0 / Math.max(1, published));
                System.out.println("  " + label + ": " + rate + " msg/s, round " + (round + 1) + ": "
                        + String.format(
                                "%.0f deliveries/s, %s, server CPU %.1f µs per delivery%s",
                                rounds.get(round).perSecond(),
                                all.summary(),
                                cpuPerDelivery.get(round),
                                pauseNote(pauses)));
                if (across) {
                    System.out.println("    on the publishers' instance " + here[0].summary() + "; on the others "
                            + elsewhere[0].summary());
                }
                if (all.percentileMillis(50) > 1_000) {
                    break; // saturated: the backlog only grows, and the next round would start behind
                }
            }
            double perSecond = Round.median(rounds, Round::perSecond);
            double p99 = Round.medianPercentile(rounds, 99);
            String line = String.format(
                    "%d msg/s x %d members: %.0f deliveries/s, %s%s%s%s (median of %d rounds)",
                    rate,
                    open.size(),
                    perSecond,
                    Round.latencies(rounds),
                    cpuFigure(cpuPerDelivery, "delivery"),
                    baseline
                            ? ""
                            : String.format(", database CPU %.0f µs per message posted", median(databaseCpuPerPost)),
                    pauseFigure(longestPause),
                    rounds.size());
            System.out.println("  " + label + ": " + line);
            if (across) {
                report(
                        "fanout across " + instances.size() + " instances",
                        rate + " msg/s x " + open.size() + " members, publishers on the first instance",
                        String.format(
                                "members on the first: %s; on the others: %s; p99 added by crossing: %.1f ms"
                                        + " (medians of %d rounds)",
                                Round.latencies(roundsHere),
                                Round.latencies(roundsElsewhere),
                                Round.medianPercentile(roundsElsewhere, 99) - Round.medianPercentile(roundsHere, 99),
                                rounds.size()));
            }
            if (!baseline) {
                figure("fanout.deliveries." + rate, perSecond);
                figure("fanout.p99." + rate, p99);
                figure("fanout.cpu_us." + rate, median(cpuPerDelivery));
            }
            highest = Math.max(highest, perSecond);
            if (p99 <= 100 && perSecond > best) {
                best = perSecond;
                bestLine = line;
            }
        }
        if (!baseline) {
            figure("fanout.best", best);
            figure("fanout.highest", highest);
        }
        report(label, "best rate with p99 ≤ 100 ms", bestLine);
        report(label, "highest deliveries per second (any latency)", String.format("%.0f", highest));
        closeAll(open);
    }

    /**
     * Publishes {@code rate} messages per second for {@code seconds}, in turn from each publisher,
     * each carrying its send time ({@code t=nanos}); then waits a second for the last to arrive.
     *
     * @param room null for the baseline endpoint, which broadcasts whatever text it receives
     * @return how many messages were published
     */
    private int publish(List<Client> publishers, String room, int rate, int seconds) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        var publishing = timer.scheduleAtFixedRate(
                () -> {
                    Client publisher = publishers.get(next.getAndIncrement() % publishers.size());
                    String content = "t=" + System.nanoTime();
                    publisher.send(
                            room == null
                                    ? content
                                    : "{\"type\":\"message\",\"room\":\"" + room + "\",\"content\":\"" + content
                                            + "\"}");
                },
                0,
                1_000_000L / rate,
                TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1_000L);
        publishing.cancel(false);
        Thread.sleep(1_000);
        return next.get();
    }

    /** The servers' GC pauses from {@code began} until now (none without GC logs). */
    private GcPauses gcPauses(Instant began) {
        return GcPauses.between(gcLogs, began, Instant.now());
    }

    /** ", GC: 3 pauses, …" for a round's line, or nothing without GC logs. */
    private String pauseNote(GcPauses pauses) {
        return gcLogs.isEmpty() ? "" : ", " + pauses;
    }

    /** ", longest GC pause 12.3 ms" (median over the rounds), or nothing without GC logs. */
    private String pauseFigure(List<Double> longestPerRound) {
        return !gcLogs.isEmpty() ? String.format(", longest GC pause %.1f ms", median(longestPerRound)) : "";
    }

    // 3. Durable throughput
    private void durable(int rooms, int sendersPerRoom, int seconds) throws Exception {
        String prefix = "durable-" + suffix();
        int n = rooms * sendersPerRoom;
        Stats[] latency = {new Stats()};
        AtomicLong acked = new AtomicLong();
        AtomicInteger joined = new AtomicInteger();
        long[] sentAt = new long[n];
        Client[] byIndex = new Client[n];
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        List<Client> open = openMany(n, 128, i -> "dur" + i, this::product, i -> text -> {
            if (text.contains("\"type\":\"ack\"")) {
                latency[0].add((System.nanoTime() - sentAt[i]) / 1_000);
                acked.incrementAndGet();
                if (running.get()) {
                    sendDurable(byIndex[i], prefix + (i % rooms), sentAt, i);
                }
            } else if (text.contains("\"type\":\"joined\"")) {
                joined.incrementAndGet();
            }
        });
        for (int i = 0; i < open.size(); i++) {
            byIndex[i] = open.get(i);
        }
        joinPaced(open, i -> prefix + (i % rooms), joined);
        Thread.sleep(smoke ? 300 : 2_000);
        List<Round> rounds = new ArrayList<>();
        List<Double> cpuPerAck = new ArrayList<>();
        List<Double> databaseCpuPerAck = new ArrayList<>();
        List<Double> longestPause = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            latency[0] = new Stats();
            acked.set(0);
            long cpuBefore = serverCpuNanos();
            long databaseCpuBefore = databaseCpuNanos();
            Instant began = Instant.now();
            running.set(true);
            for (int i = 0; i < open.size(); i++) {
                sendDurable(byIndex[i], prefix + (i % rooms), sentAt, i);
            }
            Thread.sleep(seconds * 1_000L);
            running.set(false);
            long total = acked.get();
            Thread.sleep(1_000); // the last acks of the round arrive; nothing new is sent
            rounds.add(new Round(total / (double) seconds, latency[0]));
            cpuPerAck.add((serverCpuNanos() - cpuBefore) / 1_000.0 / Math.max(1, acked.get()));
            databaseCpuPerAck.add((databaseCpuNanos() - databaseCpuBefore) / 1_000.0 / Math.max(1, acked.get()));
            GcPauses pauses = gcPauses(began);
            longestPause.add(pauses.longestMillis());
            System.out.println(String.format(
                    "  durable, round %d: %.0f acks/s, %s%s",
                    round + 1, total / (double) seconds, latency[0].summary(), pauseNote(pauses)));
        }
        figure("durable.acks", Round.median(rounds, Round::perSecond));
        figure("durable.p99", Round.medianPercentile(rounds, 99));
        figure("durable.cpu_us", median(cpuPerAck));
        report(
                "durable throughput",
                rooms + " rooms x " + sendersPerRoom + " senders, acknowledged messages per second",
                String.format(
                        "%.0f%s, database CPU %.1f µs per acknowledged message (median of %d rounds)",
                        Round.median(rounds, Round::perSecond),
                        cpuFigure(cpuPerAck, "acknowledged message"),
                        median(databaseCpuPerAck),
                        rounds.size()));
        report(
                "durable throughput",
                "ack latency",
                String.format(
                        "%s%s (medians of %d rounds)",
                        Round.latencies(rounds), pauseFigure(longestPause), rounds.size()));
        closeAll(open);
    }

    /**
     * Durability as a service level: messages arrive at a fixed offered rate, evenly spaced and
     * spread over the senders whatever the server does, and each ack's latency counts from the
     * moment its message was due, not from when a busy sender got round to it (a closed loop hides
     * queueing by waiting for each ack before sending again).
     */
    private void offeredLoad(int rooms, int sendersPerRoom, int seconds, int[] rates) throws Exception {
        String prefix = "offered-" + suffix();
        int n = rooms * sendersPerRoom;
        AtomicInteger joined = new AtomicInteger();
        OfferedRound[] current = {null};
        List<Client> open = openMany(n, 128, i -> "off" + i, this::product, i -> text -> {
            if (text.contains("\"type\":\"ack\"")) {
                OfferedRound round = current[0];
                if (round != null) {
                    round.acknowledged(text);
                }
            } else if (text.contains("\"type\":\"joined\"")) {
                joined.incrementAndGet();
            }
        });
        joinPaced(open, i -> prefix + (i % rooms), joined);
        Thread.sleep(smoke ? 300 : 2_000);
        int highestWithinTarget = 0;
        int round = 0;
        for (int rate : rates) {
            List<Round> rounds = new ArrayList<>();
            List<Double> cpuPerAck = new ArrayList<>();
            List<Double> longestPause = new ArrayList<>();
            long unacknowledged = 0;
            for (int r = 0; r < repeat; r++) {
                OfferedRound offered = new OfferedRound(++round, rate * seconds);
                current[0] = offered;
                long cpuBefore = serverCpuNanos();
                Instant began = Instant.now();
                long start = System.nanoTime() + 1_000_000;
                for (int k = 0; k < offered.size(); k++) {
                    long due = start + (long) (k * 1e9 / rate);
                    long early = due - System.nanoTime();
                    if (early > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(early);
                    }
                    offered.due(k, due);
                    int sender = k % open.size();
                    open.get(sender)
                            .send("{\"type\":\"message\",\"room\":\"" + prefix + (sender % rooms)
                                    + "\",\"content\":\"offered\",\"ref\":\"" + offered.ref(k) + "\"}");
                }
                offered.awaitAcks(Duration.ofSeconds(10));
                GcPauses pauses = gcPauses(began);
                longestPause.add(pauses.longestMillis());
                cpuPerAck.add((serverCpuNanos() - cpuBefore)
                        / 1_000.0
                        / Math.max(1, offered.latency().count()));
                unacknowledged += offered.size() - offered.latency().count();
                rounds.add(new Round(offered.latency().count() / (double) seconds, offered.latency()));
                System.out.println(String.format(
                        "  offered %d msg/s, round %d: %s%s",
                        rate, r + 1, offered.latency().summary(), pauseNote(pauses)));
            }
            double p99 = Round.medianPercentile(rounds, 99);
            figure("offered.p99." + rate, unacknowledged == 0 ? p99 : Double.POSITIVE_INFINITY);
            if (p99 <= 50 && unacknowledged == 0) {
                highestWithinTarget = Math.max(highestWithinTarget, rate);
            }
            report(
                    "durable, open loop",
                    "offered " + rate + " msg/s over " + rooms + " rooms x " + sendersPerRoom + " senders, ack latency",
                    String.format(
                            "%s, %.0f acks/s%s%s%s (medians of %d rounds of %d s)",
                            Round.latencies(rounds),
                            Round.median(rounds, Round::perSecond),
                            cpuFigure(cpuPerAck, "ack"),
                            pauseFigure(longestPause),
                            unacknowledged == 0 ? "" : ", " + unacknowledged + " never acknowledged within 10 s",
                            rounds.size(),
                            seconds));
        }
        current[0] = null;
        report(
                "durable, open loop",
                "highest offered rate with ack p99 ≤ 50 ms",
                highestWithinTarget == 0
                        ? "none of " + java.util.Arrays.toString(rates)
                        : highestWithinTarget + " msg/s");
        figure("offered.best", highestWithinTarget);
        closeAll(open);
    }

    /**
     * Joins every connection to its room with a bounded number of joins outstanding: thousands of
     * requests in the same millisecond would only measure the server's request queue.
     */
    static void joinPaced(List<Client> open, java.util.function.IntFunction<String> roomOf, AtomicInteger joined)
            throws InterruptedException {
        int outstanding = 256;
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        for (int i = 0; i < open.size(); i++) {
            while (i - joined.get() >= outstanding && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            open.get(i).send("{\"type\":\"join\",\"room\":\"" + roomOf.apply(i) + "\"}");
        }
        awaitCount(joined, open.size(), Duration.ofSeconds(120));
    }

    private static void sendDurable(Client client, String room, long[] sentAt, int index) {
        sentAt[index] = System.nanoTime();
        client.send("{\"type\":\"message\",\"room\":\"" + room + "\",\"content\":\"durable\",\"ref\":\"d\"}");
    }

    // 4. History at a million messages
    private void history(int messages, int requests) throws Exception {
        String room = "history-" + messages;
        long[] oldest = seedHistory(room, messages);
        java.util.concurrent.BlockingQueue<String> answers = new java.util.concurrent.LinkedBlockingQueue<>();
        Client client = connect(0, "hist-a", answers::add).get(30, TimeUnit.SECONDS);
        answers.poll(5, TimeUnit.SECONDS);
        String[] kinds = {
            "{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":50}",
            "{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":50,\"before\":" + (oldest[0] + 1000) + "}",
            "{\"type\":\"dm_history\",\"with\":\"hist-b\",\"limit\":50}",
            "{\"type\":\"dm_history\",\"with\":\"hist-b\",\"limit\":50,\"before\":" + (oldest[1] + 1000) + "}",
        };
        String[] figures = {
            "room of " + messages + " messages, latest page of 50",
            "room, deep page (1 000 from the start)",
            "DM conversation of " + messages + ", latest page",
            "DM conversation, deep page",
        };
        for (int k = 0; k < kinds.length; k++) {
            List<Round> rounds = new ArrayList<>();
            for (int round = 0; round < repeat; round++) {
                Stats stats = new Stats();
                for (int i = 0; i < requests; i++) {
                    answers.clear();
                    long started = System.nanoTime();
                    client.send(kinds[k]);
                    String answer;
                    do {
                        answer = answers.poll(10, TimeUnit.SECONDS);
                    } while (answer != null && !answer.contains("history\""));
                    if (answer == null) {
                        throw new IllegalStateException("no answer to " + kinds[k]);
                    }
                    stats.add((System.nanoTime() - started) / 1_000);
                }
                rounds.add(new Round(0, stats));
            }
            report(
                    "history",
                    figures[k],
                    String.format(
                            "%s (medians of %d rounds of %d requests)",
                            Round.latencies(rounds), rounds.size(), requests));
        }
        client.abort();
    }

    /** Inserts the messages straight into the database (only once): the benchmark is about reading them. */
    private long[] seedHistory(String room, int messages)
            throws SQLException, InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        // Connecting once records the users and makes hist-a a member through the protocol itself.
        java.util.concurrent.BlockingQueue<String> answers = new java.util.concurrent.LinkedBlockingQueue<>();
        Client b = connect(1, "hist-b", text -> {}).get(30, TimeUnit.SECONDS);
        Client a = connect(0, "hist-a", answers::add).get(30, TimeUnit.SECONDS);
        a.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"ref\":\"j\"}");
        String answer;
        do {
            answer = answers.poll(10, TimeUnit.SECONDS);
        } while (answer != null && !answer.contains("\"ref\":\"j\""));
        a.abort();
        b.abort();
        try (Connection db = DriverManager.getConnection(options.get("db"), "postgres", "");
                Statement sql = db.createStatement()) {
            long roomId = single(sql, "select id from rooms where name = '" + room + "'");
            if (single(sql, "select count(*) from messages where room = " + roomId) < messages) {
                System.out.println("  seeding " + messages + " room messages and " + messages + " direct messages…");
                sql.execute("insert into messages (from_user, room, content, \"timestamp\") select 'hist-a', " + roomId
                        + ", 'message number ' || g, now() from generate_series(1, " + messages + ") g");
                sql.execute(
                        "insert into messages (from_user, to_user, content, \"timestamp\") select case when g % 2 = 0 then 'hist-a' else 'hist-b' end,"
                                + " case when g % 2 = 0 then 'hist-b' else 'hist-a' end, 'dm number ' || g, now() from generate_series(1, "
                                + messages + ") g");
                // What autovacuum does to a settled table: visibility map and statistics, so the
                // figures are about reading history, not about the first reads after a bulk load.
                sql.execute("vacuum analyze messages");
                awaitServerCaughtUp();
            }
            return new long[] {
                single(sql, "select min(id) from messages where room = " + roomId),
                single(
                        sql,
                        "select min(id) from messages where to_user is not null and least(from_user, to_user) = 'hist-a' and greatest(from_user, to_user) = 'hist-b'")
            };
        }
    }

    /**
     * The server delivers what was committed in id order (its feed reads the messages table), so
     * rows inserted straight into the table reach their members live too. A message posted now
     * arrives after all of them: once it does, the server is past the seeding.
     */
    void awaitServerCaughtUp()
            throws InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        Client probe = connect(0, "hist-probe", received::add).get(30, TimeUnit.SECONDS);
        String room = "probe-" + suffix();
        probe.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        probe.send("{\"type\":\"message\",\"room\":\"" + room + "\",\"content\":\"caught up\"}");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String text;
        do {
            text = received.poll(10, TimeUnit.SECONDS);
        } while ((text == null || !text.contains("\"type\":\"message\"")) && System.nanoTime() < deadline);
        probe.abort();
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    // 5. Reconnect storm
    private void storm(int n, Duration window) throws Exception {
        List<Client> open = openMany(n, 256, i -> "storm" + (i % 20), this::product, i -> text -> {});
        open.forEach(Client::abort);
        long dropped = System.nanoTime();
        CountDownLatch back = new CountDownLatch(open.size());
        AtomicInteger retries = new AtomicInteger();
        List<Client> reopened = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < open.size(); i++) {
            int index = i;
            long delay = ThreadLocalRandom.current().nextLong(window.toMillis());
            timer.schedule(() -> reconnect(index, back, retries, reopened), delay, TimeUnit.MILLISECONDS);
        }
        if (!back.await(5, TimeUnit.MINUTES)) {
            System.out.println("  " + back.getCount() + " clients did not get back within 5 minutes");
        }
        double seconds = (System.nanoTime() - dropped) / 1e9;
        report(
                "reconnect storm",
                open.size() + " clients dropped, reconnecting over " + window.toSeconds() + " s",
                String.format("all back after %.1f s (%d retries)", seconds, retries.get()));
        closeAll(reopened);
    }

    private void reconnect(int index, CountDownLatch back, AtomicInteger retries, List<Client> reopened) {
        connect(index, "storm" + (index % 20), text -> {}).whenComplete((client, error) -> {
            if (error == null) {
                reopened.add(client);
                back.countDown();
            } else {
                retries.incrementAndGet();
                timer.schedule(() -> reconnect(index, back, retries, reopened), 500, TimeUnit.MILLISECONDS);
            }
        });
    }

    private static void awaitCount(AtomicInteger counter, int expected, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (counter.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (counter.get() < expected) {
            System.out.println("  only " + counter.get() + " of " + expected + " answers arrived");
        }
    }

    /** The server processes, one per instance (from --server-pid, comma-separated); none without it. */
    private List<String> serverPids() {
        String pids = options.get("server-pid");
        return pids == null ? List.of() : List.of(pids.split(","));
    }

    /** The servers' heaps after a full collection, summed over the instances, in bytes (-1: unknown). */
    private long serverHeapAfterGc() {
        return summedOverServers(pid -> {
            try {
                command("jcmd", pid, "GC.run");
                String info = command("jcmd", pid, "GC.heap_info");
                var used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
                return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
            } catch (IOException | InterruptedException e) {
                return -1;
            }
        });
    }

    /** User plus system CPU time the servers have used so far, summed over the instances, or -1. */
    long serverCpuNanos() {
        return summedOverServers(pid -> {
            try {
                return cpuTicks(Files.readString(Path.of("/proc", pid, "stat")))
                        * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        });
    }

    /** A figure of each server process, summed; -1 when there is none or any is unknown. */
    private long summedOverServers(java.util.function.ToLongFunction<String> figure) {
        List<String> pids = serverPids();
        long sum = 0;
        for (String pid : pids) {
            long value = figure.applyAsLong(pid);
            if (value < 0) {
                return -1;
            }
            sum += value;
        }
        return pids.isEmpty() ? -1 : sum;
    }

    /**
     * User plus system CPU time of every PostgreSQL process on this machine so far (the benchmark's
     * database is local): what the instances cost the database, reads of the log included.
     */
    static long databaseCpuNanos() {
        long ticks = 0;
        try (var processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        ticks += cpuTicks(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** User plus system time from a /proc/PID/stat line, in clock ticks. */
    private static long cpuTicks(String stat) {
        // after the command name in parentheses: state is field 3, utime 14 and stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    /** ", server CPU x µs per (what)": the median over the rounds, or nothing without the server's pid. */
    private String cpuFigure(List<Double> microsPerEvent, String what) {
        if (!options.containsKey("server-pid") || microsPerEvent.isEmpty()) {
            return "";
        }
        double[] sorted = microsPerEvent.stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return String.format(", server CPU %.1f µs per %s", sorted[sorted.length / 2], what);
    }

    /** The servers' resident memory, summed over the instances, in bytes (-1: unknown). */
    private long serverRss() {
        return summedOverServers(pid -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        });
    }

    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    static String suffix() {
        return Long.toString(System.nanoTime() % 100_000_000L, 36);
    }
}
