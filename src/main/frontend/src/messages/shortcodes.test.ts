import { describe, expect, it } from "vitest";
import { withEmoji } from "./shortcodes";

const known = new Map([
  ["wave", "👋"],
  ["+1", "👍"],
]);

describe("withEmoji", () => {
  it("turns known shortcodes typed in full into their emoji", () => {
    expect(withEmoji("hi :wave: :+1:", known)).toBe("hi 👋 👍");
  });

  it("leaves unknown names, half-typed ones and code as they are", () => {
    expect(withEmoji(":nope: :wave and `:wave:`", known)).toBe(":nope: :wave and `:wave:`");
    expect(withEmoji("```\n:wave:\n``` :wave:", known)).toBe("```\n:wave:\n``` 👋");
  });

  it("changes nothing before the table is loaded", () => {
    expect(withEmoji("hi :wave:", null)).toBe("hi :wave:");
  });
});
