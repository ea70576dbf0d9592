package app.chat.testsupport;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The application's metrics as Prometheus scrapes them: one value per series (name with labels). */
public record ScrapedMetrics(Map<String, Double> series, String text) {

    public static ScrapedMetrics scrape(URL base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            // The server's endpoint, at its root whatever the application's context root.
                            HttpRequest.newBuilder(URI.create(base.toString()).resolve("/metrics?scope=application"))
                                    .header("Accept", "text/plain")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
            }
            Map<String, Double> series = Arrays.stream(response.body().split("\n"))
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(Collectors.toMap(
                            line -> line.substring(0, line.lastIndexOf(' ')),
                            line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                            (first, second) -> second));
            return new ScrapedMetrics(series, response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the series whose name and labels contain all the given parts; 0 when there is none. */
    public double value(String name, String... labels) {
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(name + "{")
                        && Arrays.stream(labels)
                                .allMatch(label -> entry.getKey().contains(label)))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }
}
