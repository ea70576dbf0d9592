/**
 * The subprotocols the client offers, best first. Under `chat.v2` the server may put several events
 * in one frame, one JSON object per line; under `chat.v1` every frame is one event
 * (docs/protocol.md, "Framing").
 */
export const SUBPROTOCOLS = ["chat.v2", "chat.v1"] as const;

/**
 * The events of one text frame from the server, in order, for the subprotocol the server chose.
 * A line that is not JSON is skipped without losing the others: one bad event must not hide the
 * messages around it.
 */
export function eventsOfFrame(text: string, protocol: string): unknown[] {
  const lines = protocol === "chat.v2" ? text.split("\n") : [text];
  const events: unknown[] = [];
  for (const line of lines) {
    try {
      events.push(JSON.parse(line));
    } catch {
      // not an event: nothing a client could do with it
    }
  }
  return events;
}
