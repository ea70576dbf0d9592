import type { WireMessage, WireReaction, WireRevision } from "@/socket/protocol";

/** A conversation: a room by name, or the direct conversation with one person by their id. */
export type ConversationKey = `room:${string}` | `dm:${string}`;

export const roomKey = (room: string): ConversationKey => `room:${room}`;
export const dmKey = (userId: string): ConversationKey => `dm:${userId}`;

export function parseKey(key: ConversationKey): { kind: "room" | "dm"; name: string } {
  const kind = key.startsWith("room:") ? "room" : "dm";
  return { kind, name: key.slice(kind.length + 1) };
}

export type DeliveryState = "sent" | "pending" | "failed";

/** One emoji's reactions to a message: how many, the first few people, and whether one is of them. */
export interface MessageReaction {
  emoji: string;
  count: number;
  users: string[];
  mine: boolean;
}

/** The message a reply answers, as the reply shows it. */
export interface QuotedMessage {
  id: number;
  from: string;
  /** Its author's display name as the directory holds it (the server sends it with every quote). */
  from_name?: string;
  /** The start of its text; absent once it was deleted. */
  excerpt?: string;
  deleted?: boolean;
}

/** How much of a message a quote shows (the server cuts at the same length). */
export const EXCERPT_LENGTH = 120;

export function quoteOf(message: { id: number; from: string; content: string }): QuotedMessage {
  return { id: message.id, from: message.from, excerpt: Array.from(message.content).slice(0, EXCERPT_LENGTH).join("") };
}

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
  /** The message this one answers. */
  replyTo?: QuotedMessage;
  reactions?: MessageReaction[];
}

/**
 * The display names the messages carry for their authors and for the authors they quote, by id: the
 * directory's names as the server read them, so that no message ever shows an id for a person.
 */
export function authorsOf(messages: readonly WireMessage[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const message of messages) {
    names[message.from] = message.from_name;
    if (message.reply_to) names[message.reply_to.from] = message.reply_to.from_name;
  }
  return names;
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
    ...(message.reply_to ? { replyTo: message.reply_to } : {}),
    ...("reactions" in message && message.reactions?.length ? { reactions: message.reactions } : {}),
  };
}

/**
 * Applies an edit or a deletion to the message it names, and to the quotes of the replies to it, where
 * they are loaded (history brings them as they are now otherwise).
 */
export function revise(messages: ChatMessage[], revision: WireRevision): ChatMessage[] {
  const deleted = revision.type === "message_deleted";
  return messages.map((message) => {
    if (message.id === revision.message_id) {
      return deleted
        ? { ...message, content: "", deleted: true, editedAt: undefined, reactions: undefined }
        : { ...message, content: revision.content, editedAt: revision.edited_at };
    }
    if (message.replyTo?.id === revision.message_id) {
      const { id, from, from_name } = message.replyTo;
      const quote = deleted ? { id, from, deleted: true } : quoteOf({ id, from, content: revision.content });
      return { ...message, replyTo: from_name === undefined ? quote : { ...quote, from_name } };
    }
    return message;
  });
}

/**
 * Applies someone's reaction (or its taking back) to the message, if it is loaded. The event's count
 * is the count since, so applying one twice changes nothing.
 */
export function react(messages: ChatMessage[], reaction: WireReaction, me: string): ChatMessage[] {
  const index = messages.findIndex((message) => message.id === reaction.message_id);
  if (index < 0) return messages;
  const message = messages[index]!;
  const reactions = message.reactions ?? [];
  const existing = reactions.find((r) => r.emoji === reaction.emoji);
  const others = (existing?.users ?? []).filter((user) => user !== reaction.user);
  const changed: MessageReaction = {
    emoji: reaction.emoji,
    count: reaction.count,
    users: reaction.added ? [...others, reaction.user] : others,
    mine: reaction.user === me ? reaction.added : (existing?.mine ?? false),
  };
  const next =
    changed.count === 0
      ? reactions.filter((r) => r.emoji !== reaction.emoji)
      : existing
        ? reactions.map((r) => (r === existing ? changed : r))
        : [...reactions, changed];
  const updated: ChatMessage = { ...message, reactions: next.length > 0 ? next : undefined };
  return messages.map((m, i) => (i === index ? updated : m));
}

/** Which conversation a reaction belongs to, seen from `me`. */
export function conversationOfReaction(reaction: WireReaction, me: string): ConversationKey {
  if ("room" in reaction) return roomKey(reaction.room);
  return dmKey(reaction.user === me ? reaction.to : reaction.user);
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
