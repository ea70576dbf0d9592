import { useCallback } from "react";
import type { ChatClient } from "@/chat-client";
import type { RoomListing } from "@/socket/protocol";
import { useServerSearch } from "@/lib/use-server-search";

const ROOM_NAME_PART = /^[a-z0-9_-]{0,64}$/;

/**
 * Rooms whose names start with the query, searched on the server (debounced) once the query is
 * not empty, or at once when {@code always} asks to list from the start.
 */
export function useRoomSearch(client: ChatClient, query: string, always = false): RoomListing[] {
  const prefix = query.toLowerCase().trim();
  const active = (always || prefix !== "") && ROOM_NAME_PART.test(prefix);
  const search = useCallback((text: string) => client.searchRooms(text), [client]);
  const found = useServerSearch(search, prefix, active);
  // While the next answer is on its way, the last one narrowed to the current prefix: no flicker,
  // and never a room that does not match what is typed.
  return found ? found.results.filter((room) => room.name.startsWith(prefix)) : [];
}
