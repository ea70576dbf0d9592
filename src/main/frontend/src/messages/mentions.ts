/** `@room` and `@here`: everyone in the room, and everyone in it who is online now. */
export const EVERYONE = ["room", "here"] as const;

/** The handle being typed right before the caret (`@al|`), with where its `@` is. */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\w.:-]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: match.index + match[1]!.length, query: match[2]! };
}

/**
 * An @handle: words joined by dots or colons (`@alice.smith`, `@dev:alice`, the ids of dev sign-in),
 * after the start or white space; a trailing dot or colon is punctuation, not part of it.
 */
const HANDLE = /(^|\s)@([\w-]+(?:[.:][\w-]+)*)/g;

/** The handles a message mentions (`@alice`, `@room`), lower-cased, each once. */
export function handlesIn(content: string): string[] {
  const handles = new Set<string>();
  for (const match of content.matchAll(HANDLE)) handles.add(match[2]!.toLowerCase());
  return [...handles];
}

/** Whether a message mentions the user: @id, @display name, or (in a room) @room or @here. */
export function mentions(content: string, me: { id: string; name: string }, inRoom = true): boolean {
  const text = content.toLowerCase();
  if (inRoom && /(^|\s)@(room|here)\b/.test(text)) return true;
  return [me.id, me.name].some((handle) => handle && text.includes(`@${handle.toLowerCase()}`));
}
