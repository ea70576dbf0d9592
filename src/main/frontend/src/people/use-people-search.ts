import { useCallback } from "react";
import type { ChatClient } from "@/chat-client";
import type { UserListing } from "@/socket/protocol";
import { useServerSearch } from "@/lib/use-server-search";

/** At least one letter or digit: what the server's directory searches by. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

/**
 * People found in the server's directory by what is typed (debounced), never a list of everyone;
 * `searching` is true while the answer for the text as typed now is still on its way.
 */
export function usePeopleSearch(client: ChatClient, query: string): { people: UserListing[]; searching: boolean } {
  const text = query.trim().slice(0, 100);
  const active = SEARCHABLE.test(text);
  const search = useCallback((words: string) => client.searchPeople(words), [client]);
  const found = useServerSearch(search, text, active);
  return { people: found?.results ?? [], searching: active && found?.query !== text };
}
