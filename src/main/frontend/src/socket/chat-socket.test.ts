import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatSocket, type WebSocketLike } from "./chat-socket";
import type { ServerEvent } from "./protocol";

class FakeSocket implements WebSocketLike {
  readyState = 0;
  protocol = "";
  sent: Record<string, unknown>[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.readyState = 3;
  }

  open(protocol = "chat.v2"): void {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.({});
  }

  receive(event: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(event) });
  }

  /** Several events in one frame, one per line, as a chat.v2 server sends what waits together. */
  receiveLines(...events: Record<string, unknown>[]): void {
    this.onmessage?.({ data: events.map((event) => JSON.stringify(event)).join("\n") });
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: "" });
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const events: ServerEvent[] = [];
  const tokens: boolean[] = [];
  const socket = new ChatSocket({
    url: () => "ws://chat.test/ws",
    token: (fresh) => {
      tokens.push(fresh);
      return Promise.resolve(fresh ? "fresh-token" : "token");
    },
    onEvent: (event) => events.push(event),
    onStatus: () => {},
    createSocket: (url, protocols) => {
      const fake = new FakeSocket(url, protocols);
      sockets.push(fake);
      return fake;
    },
    random: () => 1,
  });
  const latest = () => sockets[sockets.length - 1]!;
  return { socket, sockets, events, tokens, latest };
}

const message = (id: number, extra: Record<string, unknown> = {}) => ({
  type: "message",
  id,
  room: "general",
  from: "bob",
  content: `m${id}`,
  timestamp: "2026-01-01T00:00:00.000Z",
  ...extra,
});

describe("ChatSocket", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("offers chat.v2, then chat.v1, with the token as a bearer subprotocol and resumes from the start", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(latest().protocols).toEqual(["chat.v2", "chat.v1", "bearer.token"]);
    expect(latest().url).toBe("ws://chat.test/ws?after=0");
  });

  it("drops message ids it has already seen", async () => {
    const { socket, latest, events } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().receive(message(5));
    latest().receive(message(5));
    latest().receive(message(4));
    latest().receive(message(6));
    expect(events.filter((e) => e.type === "message").map((e) => (e as { id: number }).id)).toEqual([5, 6]);
  });

  it("handles the events of a chat.v2 frame one by one, in order, dropping repeats as ever", async () => {
    const { socket, latest, events } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open("chat.v2");
    latest().receiveLines(message(1), message(2), message(2), { type: "typing", room: "general", user: "bob" });
    expect(events.map((e) => e.type)).toEqual(["message", "message", "typing"]);
    expect(events.filter((e) => e.type === "message").map((e) => (e as { id: number }).id)).toEqual([1, 2]);
  });

  it("resumes from the last id of a chat.v2 frame", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open("chat.v2");
    latest().receiveLines(message(8), message(9));
    latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(latest().url).toBe("ws://chat.test/ws?after=9");
  });

  it("reads a chat.v1 server's frames as one event each", async () => {
    const { socket, latest, events } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open("chat.v1");
    latest().receive(message(3));
    latest().receiveLines(message(4), message(5)); // not a chat.v1 frame: nothing in it counts
    expect(events.filter((e) => e.type === "message").map((e) => (e as { id: number }).id)).toEqual([3]);
  });

  it("reconnects with backoff and resumes from the last id it saw", async () => {
    const { socket, sockets, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().receive(message(41));
    latest().receive(message(42));
    latest().drop();
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    expect(latest().url).toBe("ws://chat.test/ws?after=42");
  });

  it("resumes after an edit or deletion it saw: they take their place in the stream by id", async () => {
    const { socket, latest, events } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().receive(message(41));
    const edit = {
      type: "message_edited",
      id: 43,
      message_id: 41,
      room: "general",
      from: "bob",
      content: "x",
      edited_at: "t",
    };
    latest().receive(edit);
    latest().receive(edit);
    expect(events.filter((e) => e.type === "message_edited")).toHaveLength(1);
    latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(latest().url).toBe("ws://chat.test/ws?after=43");
  });

  it("backs off further after each failed attempt, up to a ceiling", async () => {
    const { socket, sockets, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      latest().drop();
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
  });

  it("asks for a fresh token after the server closed with 4001", async () => {
    const { socket, latest, tokens } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().drop(4001);
    await vi.advanceTimersByTimeAsync(500);
    expect(tokens).toEqual([false, true]);
    expect(latest().protocols).toContain("bearer.fresh-token");
  });

  it("tries a fresh token after a connection that never opened", async () => {
    const { socket, latest, tokens } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(tokens).toEqual([false, true]);
    latest().open();
    latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(tokens).toEqual([false, true, false]);
  });

  it("keeps an unacknowledged message and resends it with the same client id after a reconnect", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    const acked = socket.send({ type: "message", room: "general", content: "hello" }, "c-1");
    expect(latest().sent).toEqual([
      { type: "message", room: "general", content: "hello", client_id: "c-1", ref: "c-1" },
    ]);
    latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    latest().open();
    expect(latest().sent).toEqual([
      { type: "message", room: "general", content: "hello", client_id: "c-1", ref: "c-1" },
    ]);
    latest().receive({ type: "ack", id: 7, timestamp: "t", client_id: "c-1", ref: "c-1" });
    await expect(acked).resolves.toMatchObject({ id: 7 });
  });

  it("queues a message written while offline and sends it once connected", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    void socket.send({ type: "dm", to: "bob", content: "later" }, "c-2");
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ type: "dm", to: "bob", content: "later", client_id: "c-2", ref: "c-2" }]);
  });

  it("retries a send the server could not take and gives up on one it refused", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    void socket.send({ type: "message", room: "general", content: "a" }, "c-3");
    const refused = socket.send({ type: "message", room: "secret", content: "b" }, "c-4");
    latest().receive({ type: "error", code: "unavailable", message: "db down", ref: "c-3" });
    latest().receive({ type: "error", code: "forbidden", message: "private", ref: "c-4" });
    await expect(refused).rejects.toMatchObject({ code: "forbidden" });
    latest().sent.length = 0;
    await vi.advanceTimersByTimeAsync(2000);
    expect(latest().sent.map((frame) => frame.client_id)).toEqual(["c-3"]);
  });

  it("answers requests by ref and turns error answers into rejections", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    const rooms = socket.request({ type: "rooms" });
    const join = socket.request({ type: "join", room: "x" });
    const [roomsFrame, joinFrame] = latest().sent;
    latest().receive({ type: "error", code: "forbidden", message: "no", ref: joinFrame!.ref });
    latest().receive({ type: "rooms", rooms: [], ref: roomsFrame!.ref });
    await expect(rooms).resolves.toMatchObject({ type: "rooms" });
    await expect(join).rejects.toMatchObject({ code: "forbidden" });
  });

  it("fails pending requests when the connection drops", async () => {
    const { socket, latest } = harness();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    const users = socket.request({ type: "users" });
    latest().drop();
    await expect(users).rejects.toMatchObject({ code: "disconnected" });
  });
});
