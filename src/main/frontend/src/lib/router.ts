import { useEffect } from "react";
import { useChatStore } from "@/chatStore";
import { type ConversationKey, dmKey, parseKey, roomKey } from "@/messages/model";
import { appPath, appUrl } from "@/lib/base-url";

/** Deep links: rooms/<name> and dm/<user id>, below the application's base. */
export function keyFromPath(path: string = appPath()): ConversationKey | null {
  const [section, ...rest] = path.split("/");
  const name = decoded(rest.join("/"));
  if (!name) return null;
  if (section === "rooms") return roomKey(name.toLowerCase());
  if (section === "dm") return dmKey(name);
  return null;
}

/** A link that names a conversation but cannot be read (/dm/%): shown as "not found". */
export function isMalformedPath(path: string = appPath()): boolean {
  const [section, ...rest] = path.split("/");
  return (section === "rooms" || section === "dm") && rest.join("/") !== "" && decoded(rest.join("/")) === null;
}

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function pathOf(key: ConversationKey): string {
  const { kind, name } = parseKey(key);
  return `${kind === "room" ? "rooms" : "dm"}/${encodeURIComponent(name)}`;
}

export function navigate(key: ConversationKey | null): void {
  const target = appUrl(key ? pathOf(key) : "").pathname;
  if (window.location.pathname !== target) window.history.pushState(null, "", target);
  useChatStore.getState().open(key);
}

/** Keeps the open conversation in step with the address bar (back and forward buttons). */
export function useRouting(): void {
  useEffect(() => {
    const follow = () => {
      useChatStore.getState().open(keyFromPath(), isMalformedPath());
    };
    follow();
    window.addEventListener("popstate", follow);
    return () => {
      window.removeEventListener("popstate", follow);
    };
  }, []);
}
