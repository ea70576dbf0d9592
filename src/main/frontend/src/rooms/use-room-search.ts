import { useEffect, useState } from "react";
import type { ChatClient } from "@/chat-client";
import type { RoomListing } from "@/socket/protocol";

const DEBOUNCE_MS = 250;
const ROOM_NAME_PART = /^[a-z0-9_-]{0,64}$/;

/**
 * Rooms whose names start with the query, searched on the server (debounced) once the query is
 * not empty, or at once when {@code always} asks to list from the start.
 */
export function useRoomSearch(client: ChatClient, query: string, always = false): RoomListing[] {
  const [found, setFound] = useState<{ prefix: string; rooms: RoomListing[] } | null>(null);
  const prefix = query.toLowerCase().trim();
  const active = (always || prefix !== "") && ROOM_NAME_PART.test(prefix);
  useEffect(() => {
    if (!active) return;
    let current = true;
    const timer = window.setTimeout(() => {
      client.searchRooms(prefix).then(
        (rooms) => {
          if (current) setFound({ prefix, rooms });
        },
        () => {
          if (current) setFound({ prefix, rooms: [] });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, prefix, active]);
  // While the next answer is on its way, the last one narrowed to the current prefix: no flicker,
  // and never a room that does not match what is typed.
  return active && found ? found.rooms.filter((room) => room.name.startsWith(prefix)) : [];
}
