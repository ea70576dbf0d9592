import { describe, expect, it } from "vitest";
import { handlesIn, mentionAtCaret, mentions } from "./mentions";
import { renderMarkdown } from "./markdown";

const me = { id: "alice", name: "Alice Smith" };

describe("mentions", () => {
  it("finds the handle being typed before the caret, not an e-mail address", () => {
    expect(mentionAtCaret("hi @al", 6)).toEqual({ start: 3, query: "al" });
    expect(mentionAtCaret("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAtCaret("mail me at bob@example", 22)).toBeNull();
  });

  it("lists each handle of a message once", () => {
    expect(handlesIn("@Bob and @bob, ask @room")).toEqual(["bob", "room"]);
  });

  it("reads the ids of dev sign-in, with their colon, as one handle, and a colon after a handle as punctuation", () => {
    expect(handlesIn("@dev:alice could you look?")).toEqual(["dev:alice"]);
    expect(handlesIn("@bob: could you look?")).toEqual(["bob"]);
    expect(mentionAtCaret("hi @dev:al", 10)).toEqual({ start: 3, query: "dev:al" });
    expect(renderMarkdown("@dev:alice hi", { nameOf: () => "Alice", me: "dev:alice" })).toContain("mention-me");
  });

  it("counts @room and @here as mentions in a room only, and never @roomba", () => {
    expect(mentions("@room standup", me)).toBe(true);
    expect(mentions("@here anyone?", me)).toBe(true);
    expect(mentions("@room standup", me, false)).toBe(false);
    expect(mentions("ask @roomba", me)).toBe(false);
    expect(mentions("thanks @alice", me)).toBe(true);
    expect(mentions("thanks @Alice Smith", me)).toBe(true);
  });

  it("shows a known handle by name and marks the reader's own mentions", () => {
    const host = document.createElement("div");
    host.innerHTML = renderMarkdown("@bob meet @alice and @room", {
      nameOf: (handle) => (handle === "bob" ? "Bob Jones" : undefined),
      me: "alice",
    });
    const chips = [...host.querySelectorAll(".mention")];
    expect(chips.map((chip) => chip.textContent)).toEqual(["@Bob Jones", "@alice", "@room"]);
    expect(chips.map((chip) => chip.classList.contains("mention-me"))).toEqual([false, true, true]);
    expect(chips[0]!.getAttribute("title")).toBe("@bob");
  });
});
