package app.chat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU goes, from a Flight Recorder file of the benchmark run (bench/run --jfr):
 * the share of execution samples whose innermost frame belongs to each part (the product, the
 * container's WebSocket and HTTP layers, JSON, persistence, the JDK's networking...), and the
 * methods that were on CPU most.
 *
 * <pre>java app.chat.bench.Profile FILE.jfr [top]</pre>
 */
public final class Profile {

    /** Class-name prefixes to the part of the stack they belong to; the first match wins. */
    private static final Map<String, String> PARTS = parts();

    private Profile() {}

    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("app.chat.", "product (app.chat)");
        parts.put("org.glassfish.tyrus.", "WebSocket container (Tyrus)");
        parts.put("com.ibm.ws.wsoc.", "WebSocket container (Liberty wsoc)");
        parts.put("org.glassfish.grizzly.", "HTTP/network container (Grizzly)");
        parts.put("com.ibm.ws.http.", "HTTP/network container (Liberty channels)");
        parts.put("com.ibm.ws.tcpchannel.", "HTTP/network container (Liberty channels)");
        parts.put("com.ibm.ws.channelfw.", "HTTP/network container (Liberty channels)");
        parts.put("com.ibm.io.async.", "HTTP/network container (Liberty channels)");
        parts.put("com.ibm.ws.webcontainer.", "servlet container");
        parts.put("org.apache.catalina.", "servlet container");
        parts.put("com.sun.enterprise.", "servlet container");
        parts.put("org.eclipse.parsson.", "JSON (Parsson)");
        parts.put("org.glassfish.json.", "JSON (Parsson)");
        parts.put("jakarta.json.", "JSON (Parsson)");
        parts.put("org.eclipse.persistence.", "persistence (EclipseLink)");
        parts.put("org.postgresql.", "JDBC driver");
        parts.put("com.nimbusds.", "token verification (Nimbus)");
        parts.put("sun.nio.", "JDK networking and NIO");
        parts.put("java.nio.", "JDK networking and NIO");
        parts.put("sun.security.", "JDK crypto");
        parts.put("java.util.concurrent.", "JDK concurrency (queues, locks, executors)");
        parts.put("java.lang.String", "JDK strings and text");
        parts.put("java.lang.StringBuilder", "JDK strings and text");
        parts.put("java.lang.AbstractStringBuilder", "JDK strings and text");
        parts.put("jdk.internal.", "JDK internals");
        return parts;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> byPart = new TreeMap<>();
        Map<String, Long> byMethod = new TreeMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame leaf = event.getStackTrace().getFrames().get(0);
            String type = leaf.getMethod().getType().getName();
            samples++;
            byPart.merge(partOf(type), 1L, Long::sum);
            byMethod.merge(type + "." + leaf.getMethod().getName(), 1L, Long::sum);
        }
        System.out.printf(
                "%d execution samples%n%n| part (innermost frame) | share of CPU samples |%n|---|---|%n", samples);
        print(byPart, samples, byPart.size());
        System.out.printf("%n| method on CPU | share |%n|---|---|%n");
        print(byMethod, samples, top);
    }

    private static String partOf(String type) {
        return PARTS.entrySet().stream()
                .filter(part -> type.startsWith(part.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(
                        type.startsWith("java.") || type.startsWith("sun.")
                                ? "JDK, other"
                                : "other: " + packageOf(type));
    }

    private static String packageOf(String type) {
        String[] parts = type.split("\\.");
        return parts.length > 3 ? String.join(".", java.util.Arrays.copyOf(parts, 3)) : type;
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        String rows = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> String.format("| %s | %.1f %% |", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining("\n"));
        System.out.println(rows);
    }
}
