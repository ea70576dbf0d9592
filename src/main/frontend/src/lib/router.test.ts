import { describe, expect, it } from "vitest";
import { isMalformedPath, keyFromPath } from "@/lib/router";

describe("deep links", () => {
  it("reads rooms and direct conversations", () => {
    expect(keyFromPath("rooms/General")).toBe("room:general");
    expect(keyFromPath("dm/alice%40example.com")).toBe("dm:alice@example.com");
  });

  it("treats a link that cannot be decoded as not found instead of throwing", () => {
    expect(keyFromPath("dm/%")).toBeNull();
    expect(isMalformedPath("dm/%")).toBe(true);
    expect(isMalformedPath("rooms/%E0%A4%A")).toBe(true);
    expect(isMalformedPath("rooms/general")).toBe(false);
    expect(isMalformedPath("")).toBe(false);
  });
});
