import { appUrl } from "@/lib/base-url";

export interface ShortcodeMatch {
  shortcode: string;
  emoji: string;
}

let table: Promise<ShortcodeMatch[]> | null = null;
/** The same table once loaded, by name, for what must happen at once (sending). */
let loaded: Map<string, string> | null = null;

/** hexcode "1F468-200D-1F4BB" → the emoji itself. */
function fromHexcode(hexcode: string): string {
  return String.fromCodePoint(...hexcode.split("-").map((part) => Number.parseInt(part, 16)));
}

/** The :shortcode: names people know from GitHub and Slack, loaded from the app on first use. */
export function loadShortcodes(): Promise<ShortcodeMatch[]> {
  table ??= fetch(appUrl("emojibase/en/shortcodes/github.json"))
    .then((response): Promise<Record<string, string | string[]>> | Record<string, never> =>
      response.ok ? (response.json() as Promise<Record<string, string | string[]>>) : {},
    )
    .then((data) =>
      Object.entries(data).flatMap(([hexcode, names]) =>
        (Array.isArray(names) ? names : [names]).map((shortcode) => ({ shortcode, emoji: fromHexcode(hexcode) })),
      ),
    )
    .then((entries) => {
      loaded = new Map(entries.map((entry) => [entry.shortcode, entry.emoji]));
      return entries;
    })
    .catch(() => {
      table = null;
      return [];
    });
  return table;
}

/** Shortcodes starting with the prefix first, then those containing it; at most `limit`. */
export function searchShortcodes(all: ShortcodeMatch[], prefix: string, limit = 6): ShortcodeMatch[] {
  const query = prefix.toLowerCase();
  const starts = all.filter((entry) => entry.shortcode.startsWith(query));
  const contains = all.filter((entry) => !entry.shortcode.startsWith(query) && entry.shortcode.includes(query));
  return [...starts.sort((a, b) => a.shortcode.length - b.shortcode.length), ...contains].slice(0, limit);
}

/** The `:partial` being typed right before the caret, if any. */
export function shortcodeAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s):([a-z0-9_+-]{2,})$/i.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : null;
}

/**
 * Known `:shortcode:`s typed in full become their emoji, as Slack and Mattermost show them; code
 * (between backticks) is left as it is, and so is everything while the table is not loaded yet.
 */
export function withEmoji(text: string, known: ReadonlyMap<string, string> | null = loaded): string {
  if (!known) return text;
  return text
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(/:([a-z0-9_+-]+):/gi, (whole, name: string) => known.get(name.toLowerCase()) ?? whole),
    )
    .join("");
}
