package app.chat.testsupport;

import static app.chat.testsupport.ProtocolContract.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Holds one test client's traffic to docs/asyncapi.yaml: every frame the server sends must keep its
 * schema; every answer must be one its request may get; a request that breaks its schema must be
 * refused with an error. Tests fail on the first close of a client that saw a breach, so the code
 * and the contract cannot drift apart.
 */
public final class ContractCheck {

    private static final int SHOWN = 5;

    /** A request awaiting its answer: its type, and why it breaks the contract (empty when it keeps it). */
    private record Asked(String type, String text, List<String> breaches) {}

    /** Requests awaiting their answer, by ref. */
    private final Map<String, Asked> asked = new HashMap<>();

    /** Refs sent more than once: their answers cannot be told apart, so they are not matched. */
    private final Set<String> reused = new HashSet<>();

    private final List<String> breaches = new ArrayList<>();

    /** Notes a frame the client sends; only requests with a ref can be matched with their answer. */
    public void sent(String text) {
        JsonNode frame = ProtocolContract.readObject(text);
        if (frame == null || !frame.path("ref").isString()) {
            return;
        }
        String ref = frame.get("ref").asString();
        Asked request =
                new Asked(frame.path("type").asString("?"), text, contract().breachesOfRequest(text));
        synchronized (asked) {
            if (reused.contains(ref) || asked.containsKey(ref)) {
                reused.add(ref);
                asked.remove(ref);
            } else {
                asked.put(ref, request);
            }
        }
    }

    /** Checks a frame the server sent, and the answer it gives if it is one. */
    public void received(String text) {
        List<String> wrong = contract().breachesOfServerFrame(text);
        if (!wrong.isEmpty()) {
            breach("the server sent " + abbreviated(text) + ", which breaks the contract: " + wrong);
            return;
        }
        JsonNode frame = ProtocolContract.readObject(text);
        String ref = frame.path("ref").asString(null);
        Asked request;
        synchronized (asked) {
            request = ref == null ? null : asked.remove(ref);
        }
        if (request == null) {
            return;
        }
        String answer = frame.get("type").asString();
        Set<String> allowed = contract().answersTo(request.type());
        if (!allowed.contains(answer)) {
            breach("the server answered " + abbreviated(request.text()) + " with " + abbreviated(text) + ", not one of "
                    + allowed);
        } else if (!request.breaches().isEmpty() && !answer.equals("error")) {
            breach("the server accepted " + abbreviated(request.text()) + ", which the contract refuses: "
                    + request.breaches());
        }
    }

    /** Fails with what broke the contract, if anything did. */
    public void assertKept() {
        synchronized (breaches) {
            if (!breaches.isEmpty()) {
                throw new AssertionError(breaches.size() + " frame(s) broke docs/asyncapi.yaml, first: "
                        + String.join("\n  ", breaches.subList(0, Math.min(SHOWN, breaches.size()))));
            }
        }
    }

    /** A frame of {@code chat.v1} must hold one event: no line of a second one. */
    public void receivedUnderOneEventPerFrame(String text) {
        if (text.indexOf('\n') >= 0) {
            breach("the server sent several lines in one chat.v1 frame: " + abbreviated(text));
            return;
        }
        received(text);
    }

    private void breach(String what) {
        synchronized (breaches) {
            breaches.add(what);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
