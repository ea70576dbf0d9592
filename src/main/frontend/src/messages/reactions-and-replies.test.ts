import { beforeEach, describe, expect, it } from "vitest";
import { createChatStore } from "@/chatStore";
import { whoReacted } from "./reactions";

const wire = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  room: "general",
  from: "bob",
  from_name: "Bob",
  content: `m${id}`,
  timestamp: "2026-01-01T00:00:00.000Z",
  ...extra,
});

const reaction = (user: string, added: boolean, count: number, emoji = "👍", message = 1) => ({
  type: "reaction" as const,
  id: 100 + count,
  message_id: message,
  room: "general",
  user,
  emoji,
  added,
  count,
  timestamp: "2026-01-01T00:00:01.000Z",
});

describe("reactions and replies in the store", () => {
  let store: ReturnType<typeof createChatStore>;
  const general = () => store.getState().conversations["room:general"]!;
  beforeEach(() => {
    store = createChatStore();
    store.getState().signedIn({ id: "alice", name: "Alice" });
    store.getState().latestPage("room:general", [wire(1), wire(2)], 50);
  });

  it("takes the count from the event, so that hearing one twice changes nothing", () => {
    store.getState().reacted(reaction("bob", true, 1));
    store.getState().reacted(reaction("carol", true, 2));
    store.getState().reacted(reaction("carol", true, 2));
    expect(general().messages[0]!.reactions).toEqual([{ emoji: "👍", count: 2, users: ["bob", "carol"], mine: false }]);
  });

  it("marks one's own reaction, from this device or another, and drops an emoji nobody reacts with any more", () => {
    store.getState().reacted(reaction("alice", true, 1));
    expect(general().messages[0]!.reactions?.[0]?.mine).toBe(true);
    store.getState().reacted(reaction("alice", false, 0));
    expect(general().messages[0]!.reactions).toBeUndefined();
  });

  it("counts a reaction as nothing new to read", () => {
    store.getState().reacted(reaction("bob", true, 1));
    expect(general().unread).toBe(0);
  });

  it("keeps a reply's quote in step with the message it quotes", () => {
    store
      .getState()
      .received(wire(3, { content: "yes", reply_to: { id: 1, from: "bob", from_name: "Bob", excerpt: "m1" } }));
    store.getState().revised({
      type: "message_edited",
      id: 4,
      message_id: 1,
      room: "general",
      from: "bob",
      content: "m1, edited",
      edited_at: "2026-01-01T00:00:02.000Z",
    });
    expect(general().messages.find((m) => m.id === 3)!.replyTo).toEqual({
      id: 1,
      from: "bob",
      from_name: "Bob",
      excerpt: "m1, edited",
    });
    store.getState().revised({
      type: "message_deleted",
      id: 5,
      message_id: 1,
      room: "general",
      from: "bob",
      deleted_at: "2026-01-01T00:00:03.000Z",
    });
    expect(general().messages.find((m) => m.id === 3)!.replyTo).toEqual({
      id: 1,
      from: "bob",
      from_name: "Bob",
      deleted: true,
    });
  });

  it("shows older messages around a jump apart from the live ones, and merges them back with the latest page", () => {
    store.getState().latestPage("room:general", [wire(50), wire(51)], 50);
    store.getState().aroundPage("room:general", [wire(10), wire(11), wire(12)], 11);
    expect(general().detached).toBe(true);
    expect(general().jumpTarget).toBe(11);
    expect(general().messages.map((m) => m.id)).toEqual([10, 11, 12]);

    store.getState().received(wire(52));
    expect(general().messages.map((m) => m.id)).toEqual([10, 11, 12]);
    expect(general().unread).toBe(1);

    store.getState().backToLatest("room:general", [wire(51), wire(52)], 2);
    expect(general().detached).toBe(false);
    expect(general().messages.map((m) => m.id)).toEqual([1, 2, 50, 51, 52]);
  });

  it("stays attached when the page around the message reaches the newest one", () => {
    store.getState().aroundPage("room:general", [wire(1), wire(2)], 1);
    expect(general().detached).toBe(false);
    expect(general().jumpTarget).toBe(1);
  });
});

describe("who reacted", () => {
  const names: Record<string, string> = { bob: "Bob", carol: "Carol", dan: "Dan" };
  const nameOf = (id: string) => names[id] ?? id;

  it("names everyone when all are known", () => {
    expect(whoReacted({ emoji: "👍", count: 2, users: ["bob", "carol"], mine: false }, nameOf)).toBe("Bob and Carol");
  });

  it("says how many more there are beyond those named, and you", () => {
    expect(whoReacted({ emoji: "👍", count: 7, users: ["alice", "bob"], mine: true }, nameOf, "alice")).toBe(
      "you, Bob and 5 others",
    );
  });
});
