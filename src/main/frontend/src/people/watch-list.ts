import type { ChatState } from "@/chatStore";
import { parseKey } from "@/messages/model";

/** What the server lets one connection watch at once (docs/protocol.md, `watch`). */
export const MAX_WATCHED = 500;

/**
 * Whose presence this client needs now: the open conversation, whatever else is on screen and the
 * people of its sidebar, never oneself, at most {@link MAX_WATCHED}. The server names the ids it
 * does not know (a mistyped link); the client then drops them from its sidebar.
 */
export function watchList(state: Pick<ChatState, "me" | "contacts" | "shown" | "active">): string[] {
  const wanted = new Set<string>();
  const active = state.active ? parseKey(state.active) : null;
  if (active?.kind === "dm") wanted.add(active.name);
  for (const ids of Object.values(state.shown)) for (const id of ids) wanted.add(id);
  for (const id of state.contacts) wanted.add(id);
  return [...wanted].filter((id) => id !== state.me?.id).slice(0, MAX_WATCHED);
}
