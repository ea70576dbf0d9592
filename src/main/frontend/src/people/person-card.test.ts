import { describe, expect, it } from "vitest";
import { namesharers, presenceText } from "./person-card";

describe("people who share a name", () => {
  it("marks everyone whose visible name another person shares", () => {
    const twins = namesharers([
      { id: "sam-1", name: "Sam Lee" },
      { id: "sam-2", name: "Sam Lee" },
      { id: "ann", name: "Ann" },
    ]);
    expect([...twins].sort()).toEqual(["sam-1", "sam-2"]);
  });

  it("sees through letter case, spacing and compatibility forms", () => {
    const twins = namesharers([
      { id: "a", name: "Sam  Lee" },
      { id: "b", name: "sam lee" },
      { id: "c", name: "Ｓａｍ Lee" },
    ]);
    expect(twins.size).toBe(3);
  });

  it("does not mark one person seen twice", () => {
    expect(
      namesharers([
        { id: "a", name: "Sam" },
        { id: "a", name: "Sam" },
      ]).size,
    ).toBe(0);
  });
});

describe("presence in words", () => {
  it("says hidden where the company hides it, rather than offline", () => {
    expect(presenceText({ presence_hidden: true })).toBe("Presence hidden");
    expect(presenceText({ online: false })).toBe("Offline");
    expect(presenceText(undefined)).toBe("Presence not known yet");
  });
});
