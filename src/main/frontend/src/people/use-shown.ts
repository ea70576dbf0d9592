import { useEffect, useId } from "react";
import { useChatStore } from "@/chatStore";

/**
 * Declares which people a component shows while it is mounted, so that their presence is watched
 * (the client tells the server; see watch-list.ts).
 */
export function useShown(users: string[]): void {
  const part = useId();
  const joined = users.join("\n");
  useEffect(() => {
    useChatStore.getState().show(part, joined === "" ? [] : joined.split("\n"));
  }, [part, joined]);
  useEffect(
    () => () => {
      useChatStore.getState().show(part, []);
    },
    [part],
  );
}
