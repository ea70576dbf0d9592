import { beforeEach, describe, expect, it } from "vitest";
import { createChatStore } from "./chatStore";
import { mergeMessages, type ChatMessage } from "./messages/model";

const wire = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  room: "general",
  from: "bob",
  from_name: "Bob",
  content: `m${id}`,
  timestamp: `2026-01-01T00:00:${String(id % 60).padStart(2, "0")}.000Z`,
  ...extra,
});
const stored = (id: number, clientId?: string): ChatMessage => ({
  id,
  clientId,
  from: "a",
  content: `m${id}`,
  timestamp: "t",
  state: "sent",
});

describe("mergeMessages", () => {
  it("orders by id and keeps each id once", () => {
    const merged = mergeMessages([stored(2), stored(5)], [stored(5), stored(1), stored(3)]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3, 5]);
  });

  it("replaces the optimistic copy with the stored message carrying its client id", () => {
    const optimistic: ChatMessage = { clientId: "c1", from: "a", content: "hi", timestamp: "t", state: "pending" };
    const merged = mergeMessages([stored(1), optimistic], [stored(2, "c1")]);
    expect(merged).toHaveLength(2);
    expect(merged[1]).toMatchObject({ id: 2, clientId: "c1", state: "sent" });
  });

  it("keeps pending and failed messages after the stored ones", () => {
    const pending: ChatMessage = { clientId: "c9", from: "a", content: "x", timestamp: "t", state: "pending" };
    const merged = mergeMessages([pending], [stored(3), stored(4)]);
    expect(merged.map((m) => m.id ?? m.clientId)).toEqual([3, 4, "c9"]);
  });
});

describe("chat store", () => {
  let store: ReturnType<typeof createChatStore>;
  beforeEach(() => {
    store = createChatStore();
    store.getState().signedIn({ id: "alice", name: "Alice" });
  });

  it("files live messages under their conversation and counts unread ones", () => {
    store.getState().received({ ...wire(1) });
    store.getState().received({ id: 2, from: "bob", from_name: "Bob", to: "alice", content: "psst", timestamp: "t" });
    const state = store.getState();
    expect(state.conversations["room:general"]?.messages.map((m) => m.id)).toEqual([1]);
    expect(state.conversations["room:general"]?.unread).toBe(1);
    expect(state.conversations["dm:bob"]?.messages.map((m) => m.id)).toEqual([2]);
  });

  it("does not count what is on screen or one's own messages as unread", () => {
    store.getState().open("room:general");
    store.getState().received(wire(1));
    store.getState().received(wire(2, { from: "alice" }));
    expect(store.getState().conversations["room:general"]?.unread).toBe(0);
  });

  it("counts messages in the open conversation as unread while the tab is hidden", () => {
    store.getState().open("room:general");
    store.getState().setAttentive(false);
    store.getState().received(wire(1));
    expect(store.getState().conversations["room:general"]?.unread).toBe(1);
    store.getState().setAttentive(true);
    expect(store.getState().conversations["room:general"]?.unread).toBe(0);
  });

  it("asks to notify for direct messages and mentions, not for ordinary room traffic", () => {
    store.getState().setAttentive(false);
    expect(store.getState().received(wire(1)).notify).toBe(false);
    expect(store.getState().received(wire(2, { content: "hey @alice" })).notify).toBe(true);
    expect(
      store.getState().received({ id: 3, from: "bob", from_name: "Bob", to: "alice", content: "hi", timestamp: "t" })
        .notify,
    ).toBe(true);
    expect(store.getState().conversations["room:general"]?.mentioned).toBe(true);
  });

  it("shows a sent message at once and settles it with the server's id", () => {
    store
      .getState()
      .addPending("room:general", { clientId: "c1", from: "alice", content: "hi", timestamp: "t", state: "pending" });
    expect(store.getState().conversations["room:general"]?.messages[0]?.state).toBe("pending");
    store.getState().acknowledged("room:general", "c1", 10, "2026-01-01T00:00:00.000Z");
    // The live event for the same message arrives too: still one message.
    store.getState().received(wire(10, { from: "alice", client_id: "c1", content: "hi" }));
    const messages = store.getState().conversations["room:general"]!.messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: 10, state: "sent" });
  });

  it("marks a refused message as failed and back to pending on retry", () => {
    store
      .getState()
      .addPending("dm:bob", { clientId: "c2", from: "alice", content: "x", timestamp: "t", state: "pending" });
    store.getState().failed("dm:bob", "c2", "forbidden");
    expect(store.getState().conversations["dm:bob"]?.messages[0]).toMatchObject({
      state: "failed",
      error: "forbidden",
    });
    store.getState().retrying("dm:bob", "c2");
    expect(store.getState().conversations["dm:bob"]?.messages[0]?.state).toBe("pending");
  });

  it("knows the author of a message from someone never listed by the name the message carries", () => {
    store.getState().received(wire(1, { from: "8e209776", from_name: "Zoe Zhang" }));
    expect(store.getState().users["8e209776"]?.name).toBe("Zoe Zhang");
  });

  it("knows the authors of a history page and of the messages its replies quote", () => {
    store
      .getState()
      .latestPage(
        "room:general",
        [wire(2, { from: "u2", from_name: "Uma", reply_to: { id: 1, from: "u1", from_name: "Ugo", excerpt: "m1" } })],
        50,
      );
    expect(store.getState().users["u2"]?.name).toBe("Uma");
    expect(store.getState().users["u1"]?.name).toBe("Ugo");
  });

  it("renames someone known when their messages carry a new name, keeping their presence", () => {
    store.getState().rememberUsers([{ id: "u3", name: "Old Name", online: true }]);
    store.getState().received(wire(3, { from: "u3", from_name: "New Name" }));
    expect(store.getState().users["u3"]).toEqual({ id: "u3", name: "New Name", online: true });
  });

  it("merges older history pages in front and notices the beginning", () => {
    store.getState().latestPage("room:general", [wire(51), wire(52)], 2);
    store.getState().olderPage("room:general", [wire(1), wire(2)], 50);
    const conversation = store.getState().conversations["room:general"]!;
    expect(conversation.messages.map((m) => m.id)).toEqual([1, 2, 51, 52]);
    expect(conversation.reachedStart).toBe(true);
  });

  it("lets typing notices expire on their own", () => {
    store.getState().someoneTyping("room:general", "bob", 1_000);
    expect(Object.keys(store.getState().typing["room:general"] ?? {})).toEqual(["bob"]);
    store.getState().expireTyping(10_000);
    expect(store.getState().typing["room:general"]).toBeUndefined();
  });
  it("applies an edit to the loaded message, in its room, without counting it as unread", () => {
    store.getState().received(wire(1));
    const unread = store.getState().conversations["room:general"]?.unread;
    store.getState().revised({
      type: "message_edited",
      id: 7,
      message_id: 1,
      room: "general",
      from: "bob",
      content: "m1, fixed",
      edited_at: "2026-01-01T00:05:00.000Z",
    });
    const conversation = store.getState().conversations["room:general"]!;
    expect(conversation.messages[0]).toMatchObject({
      id: 1,
      content: "m1, fixed",
      editedAt: "2026-01-01T00:05:00.000Z",
    });
    expect(conversation.unread).toBe(unread);
  });

  it("turns a deleted direct message into a tombstone in the conversation with the other person", () => {
    store.getState().received({ id: 2, from: "alice", from_name: "Alice", to: "bob", content: "oops", timestamp: "t" });
    store.getState().revised({
      type: "message_deleted",
      id: 8,
      message_id: 2,
      from: "alice",
      to: "bob",
      deleted_at: "2026-01-01T00:06:00.000Z",
    });
    expect(store.getState().conversations["dm:bob"]?.messages[0]).toMatchObject({ id: 2, content: "", deleted: true });
  });

  it("ignores a revision of a message that is not loaded: history brings it as it is now", () => {
    store.getState().revised({
      type: "message_deleted",
      id: 9,
      message_id: 3,
      room: "elsewhere",
      from: "bob",
      deleted_at: "2026-01-01T00:06:00.000Z",
    });
    expect(store.getState().conversations["room:elsewhere"]).toBeUndefined();
  });

  it("reads an edited message and a tombstone from history", () => {
    store
      .getState()
      .latestPage(
        "room:general",
        [
          wire(1, { edited_at: "2026-01-01T00:05:00.000Z" }),
          { id: 2, room: "general", from: "bob", from_name: "Bob", deleted: true, timestamp: "t" },
        ],
        50,
      );
    const [edited, deleted] = store.getState().conversations["room:general"]!.messages;
    expect(edited).toMatchObject({ id: 1, editedAt: "2026-01-01T00:05:00.000Z" });
    expect(deleted).toMatchObject({ id: 2, deleted: true, content: "" });
  });
  it("takes unread and mention counts from the server's listing", () => {
    store.getState().unreadFromServer("room:general", { last_read: 10, unread: 4, mentions: 1 });
    expect(store.getState().conversations["room:general"]).toMatchObject({ lastRead: 10, unread: 4, mentioned: true });
  });

  it("clears the badge when another device read up to the newest message", () => {
    store.getState().received(wire(11));
    store.getState().received(wire(12));
    expect(store.getState().conversations["room:general"]?.unread).toBe(2);
    store.getState().readUpTo("room:general", 11);
    expect(store.getState().conversations["room:general"]).toMatchObject({ lastRead: 11, unread: 1 });
    store.getState().readUpTo("room:general", 12);
    expect(store.getState().conversations["room:general"]).toMatchObject({ lastRead: 12, unread: 0 });
    store.getState().readUpTo("room:general", 5);
    expect(store.getState().conversations["room:general"]?.lastRead).toBe(12);
  });

  it("marks where the new messages start when a conversation with unread ones is opened", () => {
    store.getState().unreadFromServer("room:general", { last_read: 10, unread: 2, mentions: 0 });
    store.getState().open("room:general");
    expect(store.getState().conversations["room:general"]).toMatchObject({ newAfter: 10, unread: 0 });
    store.getState().open("dm:bob");
    expect(store.getState().conversations["dm:bob"]?.newAfter).toBeNull();
  });
});
