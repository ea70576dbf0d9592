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
  const [found, setFound] = useState<RoomListing[]>([]);
  const prefix = query.toLowerCase().trim();
  const active = always || prefix !== "";
  useEffect(() => {
    if (!active || !ROOM_NAME_PART.test(prefix)) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      client.searchRooms(prefix).then(
        (rooms) => current && setFound(rooms),
        () => current && setFound([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, prefix, active]);
  return found;
}
