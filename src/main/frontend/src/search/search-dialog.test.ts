import { describe, expect, it } from "vitest";
import { conversationOfResult } from "./search-dialog";

const found = (extra: Record<string, unknown>) => ({
  id: 1,
  from: "bob",
  from_name: "Bob",
  timestamp: "2026-01-01T00:00:00.000Z",
  snippet: [],
  ...extra,
});

describe("where a search result opens", () => {
  it("opens its room", () => {
    expect(conversationOfResult(found({ room: "general" }), "alice")).toBe("room:general");
  });

  it("opens the direct conversation with the other person, whoever wrote it", () => {
    expect(conversationOfResult(found({ to: "alice" }), "alice")).toBe("dm:bob");
    expect(conversationOfResult(found({ from: "alice", to: "bob" }), "alice")).toBe("dm:bob");
  });
});
