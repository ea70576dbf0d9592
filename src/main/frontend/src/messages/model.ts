import type { WireMessage, WireRevision } from "@/socket/protocol";

/** A conversation: a room by name, or the direct conversation with one person by their id. */
export type ConversationKey = `room:${string}` | `dm:${string}`;

export const roomKey = (room: string): ConversationKey => `room:${room}`;
export const dmKey = (userId: string): ConversationKey => `dm:${userId}`;

export function parseKey(key: ConversationKey): { kind: "room" | "dm"; name: string } {
  const kind = key.startsWith("room:") ? "room" : "dm";
  return { kind, name: key.slice(kind.length + 1) };
}

export type DeliveryState = "sent" | "pending" | "failed";

export interface ChatMessage {
  /** Absent until the server acknowledged the message. */
  id?: number;
  clientId?: string;
  from: string;
  /** Empty once deleted. */
  content: string;
  timestamp: string;
  state: DeliveryState;
  error?: string;
  /** When its author last edited it. */
  editedAt?: string;
  /** Deleted by its author: a tombstone without text. */
  deleted?: boolean;
}

export function fromWire(message: WireMessage): ChatMessage {
  return {
    id: message.id,
    clientId: message.client_id,
    from: message.from,
    content: message.content ?? "",
    timestamp: message.timestamp,
    state: "sent",
    ...(message.edited_at ? { editedAt: message.edited_at } : {}),
    ...(message.deleted ? { deleted: true } : {}),
  };
}

/** Applies an edit or a deletion to the message it names, if it is loaded (history brings it as it is now otherwise). */
export function revise(messages: ChatMessage[], revision: WireRevision): ChatMessage[] {
  const index = messages.findIndex((message) => message.id === revision.message_id);
  if (index < 0) return messages;
  const message = messages[index]!;
  const revised: ChatMessage =
    revision.type === "message_deleted"
      ? { ...message, content: "", deleted: true, editedAt: undefined }
      : { ...message, content: revision.content, editedAt: revision.edited_at };
  return messages.map((m, i) => (i === index ? revised : m));
}

/** Which conversation an edit or deletion belongs to, seen from `me`. */
export function conversationOfRevision(revision: WireRevision, me: string): ConversationKey {
  if (revision.room !== undefined) return roomKey(revision.room);
  return dmKey(revision.from === me ? (revision.to ?? me) : revision.from);
}

/** Which conversation a live message belongs to, seen from `me`. */
export function conversationOf(message: WireMessage, me: string): ConversationKey {
  if ("room" in message) return roomKey(message.room);
  return dmKey(message.from === me ? message.to : message.from);
}

/**
 * Merges stored messages into a conversation: ordered by id, each id once, and an optimistic copy
 * replaced by the stored message that carries its client id. Messages still pending or failed stay
 * at the end, in the order they were written.
 */
export function mergeMessages(existing: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return existing;
  const byId = new Map<number, ChatMessage>();
  const confirmedClientIds = new Set<string>();
  for (const message of [...existing, ...incoming]) {
    if (message.id === undefined) continue;
    byId.set(message.id, message);
    if (message.clientId) confirmedClientIds.add(message.clientId);
  }
  const stored = [...byId.values()].sort((a, b) => a.id! - b.id!);
  const unconfirmed = existing.filter(
    (message) => message.id === undefined && !(message.clientId && confirmedClientIds.has(message.clientId)),
  );
  return [...stored, ...unconfirmed];
}

/** The newest stored id: how far one has read when looking at the bottom. */
export function newestId(messages: ChatMessage[]): number | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const id = messages[i]!.id;
    if (id !== undefined) return id;
  }
  return undefined;
}

/** The oldest stored id: where the next page of history ends. */
export function oldestId(messages: ChatMessage[]): number | undefined {
  return messages.find((message) => message.id !== undefined)?.id;
}

/** Whether a message mentions the user, as @id or @display name. */
export function mentions(content: string, me: { id: string; name: string }): boolean {
  const text = content.toLowerCase();
  return [me.id, me.name].some((handle) => handle && text.includes(`@${handle.toLowerCase()}`));
}
