import { create, type StateCreator } from "zustand";
import type { RoomListing, UserListing, WireMessage, WireReaction, WireRevision } from "@/socket/protocol";
import type { ConnectionStatus } from "@/socket/chat-socket";
import {
  authorsOf,
  type ChatMessage,
  type ConversationKey,
  conversationOf,
  conversationOfReaction,
  conversationOfRevision,
  fromWire,
  mergeMessages,
  newestId,
  parseKey,
  type QuotedMessage,
  react,
  revise,
} from "@/messages/model";
import { mentions } from "@/messages/mentions";

export interface Me {
  id: string;
  name: string;
}

export interface Conversation {
  messages: ChatMessage[];
  /** The latest page has been loaded at least once. */
  loaded: boolean;
  loadingOlder: boolean;
  /** History has been paged back to the first message. */
  reachedStart: boolean;
  unread: number;
  mentioned: boolean;
  /** The newest message id read here or on another device, as the server keeps it (0: none). */
  lastRead: number;
  /** Where the "new messages" divider goes: after this id, as read when the conversation was opened. */
  newAfter: number | null;
  /** The messages shown are older ones around a jump, not the latest: live messages wait aside. */
  detached: boolean;
  /** Live messages received while detached (the newest {@link MAX_WAITING}), merged back with the latest page. */
  waiting: ChatMessage[];
  /** A message to scroll to and highlight once it is shown. */
  jumpTarget: number | null;
}

/** Live messages kept aside while reading older ones: more than a round trip's worth. */
export const MAX_WAITING = 100;

const emptyConversation = (): Conversation => ({
  messages: [],
  loaded: false,
  loadingOlder: false,
  reachedStart: false,
  unread: 0,
  mentioned: false,
  lastRead: 0,
  newAfter: null,
  detached: false,
  waiting: [],
  jumpTarget: null,
});

/** Where one stands in a conversation, as the server's listings say. */
export interface ServerUnread {
  last_read?: number;
  unread?: number;
  mentions?: number;
}

/** Typing notices expire on their own: a notice says "typing now", not "typing until told otherwise". */
export const TYPING_VISIBLE_MS = 4_000;

interface SessionSlice {
  me: Me | null;
  status: ConnectionStatus;
  statusDetail?: string;
  signedIn(me: Me): void;
  signedOut(): void;
  setStatus(status: ConnectionStatus, detail?: string): void;
}

interface DirectorySlice {
  rooms: RoomListing[];
  /** The server has listed one's rooms: until then nobody knows whether one is a member of a room shown. */
  roomsLoaded: boolean;
  /** Everyone the client has heard of (conversations, searches, members), by id: never the whole directory. */
  users: Record<string, UserListing>;
  /** The people one has direct conversations with, the most recent first: the sidebar's people. */
  contacts: string[];
  /** The server has said who they are (until then the sidebar says it is loading, not that there is nobody). */
  contactsLoaded: boolean;
  /** Who each part of the screen shows (a dialog's results, a member list): their presence is watched. */
  shown: Record<string, string[]>;
  setRooms(rooms: RoomListing[]): void;
  roomJoined(room: string, isPrivate?: boolean): void;
  roomLeft(room: string): void;
  /** The server's list of one's conversations, most recent first. */
  setContacts(users: UserListing[]): void;
  /** People met in a search: known from now on (a DM with them shows their name). */
  rememberUsers(users: UserListing[]): void;
  /** Ids the server knows nobody by (a mistyped link): not people to list. */
  forgetUnknown(ids: string[]): void;
  presence(user: string, online: boolean): void;
  /** What a part of the screen shows now (an empty list: nothing). */
  show(part: string, users: string[]): void;
}

interface ConversationsSlice {
  conversations: Partial<Record<ConversationKey, Conversation>>;
  active: ConversationKey | null;
  /** The address names a conversation that cannot be read (a malformed deep link). */
  linkNotFound: boolean;
  /** Whether the person can see the conversation right now (tab visible, window focused). */
  attentive: boolean;
  /** Whether the open conversation is scrolled to its newest message. */
  atBottom: boolean;
  open(key: ConversationKey | null, linkNotFound?: boolean): void;
  setAttentive(attentive: boolean): void;
  setAtBottom(atBottom: boolean): void;
  /** The counts of the server's listing replace what this device counted. */
  unreadFromServer(key: ConversationKey, unread: ServerUnread): void;
  /** One read the conversation up to `id`, here or on another device. */
  readUpTo(key: ConversationKey, id: number): void;
  received(message: WireMessage): { key: ConversationKey; notify: boolean };
  /** An edit or deletion: changes the message where it is loaded, and counts as nothing new. */
  revised(revision: WireRevision): void;
  /** A reaction added or taken back: changes the message where it is loaded, and counts as nothing new. */
  reacted(reaction: WireReaction): void;
  /** The message the composer's next message answers, per conversation. */
  replyingTo: Partial<Record<ConversationKey, QuotedMessage>>;
  startReply(key: ConversationKey, quote: QuotedMessage): void;
  cancelReply(key: ConversationKey): void;
  /** Scroll to a message that is loaded. */
  jumpTo(key: ConversationKey, id: number): void;
  jumpDone(key: ConversationKey): void;
  /** A page around `target`, replacing what is shown unless it reaches the newest message known. */
  aroundPage(key: ConversationKey, messages: WireMessage[], target: number): void;
  /** The latest page after reading older messages: the live ones received meanwhile are merged in. */
  backToLatest(key: ConversationKey, messages: WireMessage[], pageSize: number): void;
  latestPage(key: ConversationKey, messages: WireMessage[], pageSize: number): void;
  olderPage(key: ConversationKey, messages: WireMessage[], pageSize: number): void;
  setLoadingOlder(key: ConversationKey, loading: boolean): void;
  addPending(key: ConversationKey, message: ChatMessage): void;
  acknowledged(key: ConversationKey, clientId: string, id: number, timestamp: string): void;
  failed(key: ConversationKey, clientId: string, error: string): void;
  retrying(key: ConversationKey, clientId: string): void;
  /** After a gap too large to replay: everything loaded is stale and must be fetched again. */
  resetLoaded(): void;
}

interface TypingSlice {
  typing: Partial<Record<ConversationKey, Record<string, number>>>;
  someoneTyping(key: ConversationKey, user: string, now: number): void;
  expireTyping(now: number): void;
}

export type ChatState = SessionSlice & DirectorySlice & ConversationsSlice & TypingSlice;

const sessionSlice: StateCreator<ChatState, [], [], SessionSlice> = (set) => ({
  me: null,
  status: "stopped",
  signedIn: (me) => {
    set({ me });
  },
  signedOut: () => {
    set(initialState());
  },
  setStatus: (status, statusDetail) => {
    set({ status, statusDetail });
  },
});

/** The conversation with this person moves to the top of the sidebar (or appears there). */
function withContactFirst(contacts: string[], user: string): string[] {
  return contacts[0] === user ? contacts : [user, ...contacts.filter((id) => id !== user)];
}

const directorySlice: StateCreator<ChatState, [], [], DirectorySlice> = (set) => ({
  rooms: [],
  roomsLoaded: false,
  users: {},
  contacts: [],
  contactsLoaded: false,
  shown: {},
  setRooms: (rooms) => {
    set({ rooms, roomsLoaded: true });
  },
  roomJoined: (room, isPrivate) => {
    set((state) => {
      const known = state.rooms.find((r) => r.name === room);
      const others = state.rooms.filter((r) => r.name !== room);
      const joined: RoomListing = { name: room, private: isPrivate ?? known?.private ?? false, member: true };
      return { rooms: [...others, joined].sort((a, b) => a.name.localeCompare(b.name)) };
    });
  },
  roomLeft: (room) => {
    set((state) => ({
      rooms: state.rooms
        .map((r) => (r.name === room ? { ...r, member: false } : r))
        .filter((r) => !(r.name === room && r.private)),
    }));
  },
  setContacts: (users) => {
    set((state) => ({
      users: { ...state.users, ...Object.fromEntries(users.map((u) => [u.id, u])) },
      contacts: users.map((u) => u.id),
      contactsLoaded: true,
    }));
  },
  rememberUsers: (users) => {
    set((state) => ({ users: { ...state.users, ...Object.fromEntries(users.map((u) => [u.id, u])) } }));
  },
  forgetUnknown: (ids) => {
    set((state) => ({ contacts: state.contacts.filter((id) => !ids.includes(id)) }));
  },
  presence: (user, online) => {
    set((state) => {
      const known = state.users[user] ?? { id: user, name: user, online };
      return { users: { ...state.users, [user]: { ...known, online } } };
    });
  },
  show: (part, users) => {
    set((state) => {
      const before = state.shown[part] ?? [];
      if (before.length === users.length && before.every((id, i) => id === users[i])) return state;
      const shown = Object.fromEntries(Object.entries(state.shown).filter(([other]) => other !== part));
      return { shown: users.length === 0 ? shown : { ...shown, [part]: users } };
    });
  },
});

/**
 * The people with the names the server sent with messages, by id: known people are renamed, others
 * become known; the same object where nothing changes (no render for nothing).
 */
function withNames(users: Record<string, UserListing>, names: Record<string, string>): Record<string, UserListing> {
  const changed = Object.entries(names).filter(([id, name]) => users[id]?.name !== name);
  if (changed.length === 0) return users;
  return {
    ...users,
    ...Object.fromEntries(changed.map(([id, name]) => [id, { ...(users[id] ?? { id }), name }])),
  };
}

/** A conversation's change, with the names its new messages carry for their authors. */
function updateWithAuthors(
  state: ChatState,
  key: ConversationKey,
  messages: readonly WireMessage[],
  change: (c: Conversation) => Partial<Conversation>,
) {
  return { ...update(state, key, change), users: withNames(state.users, authorsOf(messages)) };
}

function update(state: ChatState, key: ConversationKey, change: (c: Conversation) => Partial<Conversation>) {
  const current = state.conversations[key] ?? emptyConversation();
  return { conversations: { ...state.conversations, [key]: { ...current, ...change(current) } } };
}

const conversationsSlice: StateCreator<ChatState, [], [], ConversationsSlice> = (set, get) => ({
  conversations: {},
  active: null,
  linkNotFound: false,
  attentive: true,
  atBottom: true,
  open: (key, linkNotFound = false) => {
    set((state) => {
      const partner = key && !linkNotFound ? parseKey(key) : null;
      return {
        active: key,
        linkNotFound,
        atBottom: true,
        ...(partner?.kind === "dm" && !state.contacts.includes(partner.name)
          ? { contacts: [partner.name, ...state.contacts] }
          : {}),
        ...(key
          ? update(state, key, (c) => ({
              unread: 0,
              mentioned: false,
              newAfter: key === state.active ? c.newAfter : c.unread > 0 ? c.lastRead : null,
            }))
          : {}),
      };
    });
  },
  setAtBottom: (atBottom) => {
    if (get().atBottom !== atBottom) set({ atBottom });
  },
  unreadFromServer: (key, unread) => {
    set((state) => {
      const seen = state.active === key && state.attentive;
      return update(state, key, (c) => ({
        lastRead: Math.max(c.lastRead, unread.last_read ?? 0),
        unread: seen ? 0 : (unread.unread ?? 0),
        mentioned: !seen && (unread.mentions ?? 0) > 0,
      }));
    });
  },
  readUpTo: (key, id) => {
    set((state) =>
      update(state, key, (c) => {
        const lastRead = Math.max(c.lastRead, id);
        const me = state.me?.id;
        const unreadLoaded = c.messages.filter(
          (m) => m.id !== undefined && m.id > lastRead && m.from !== me && !m.deleted,
        ).length;
        return { lastRead, unread: Math.min(c.unread, unreadLoaded), mentioned: unreadLoaded > 0 && c.mentioned };
      }),
    );
  },
  setAttentive: (attentive) => {
    set((state) => ({
      attentive,
      ...(attentive && state.active ? update(state, state.active, () => ({ unread: 0, mentioned: false })) : {}),
    }));
  },
  received: (message) => {
    const me = get().me;
    const key = conversationOf(message, me?.id ?? "");
    const mine = message.from === me?.id;
    const seen = get().active === key && get().attentive;
    const direct = !("room" in message);
    const mentioned = !mine && me !== null && mentions(message.content ?? "", me, !direct);
    set((state) => ({
      ...updateWithAuthors(state, key, [message], (c) => ({
        ...(c.detached
          ? { waiting: mergeMessages(c.waiting, [fromWire(message)]).slice(-MAX_WAITING) }
          : { messages: mergeMessages(c.messages, [fromWire(message)]) }),
        unread: mine || seen ? c.unread : c.unread + 1,
        mentioned: c.mentioned || (mentioned && !seen),
      })),
      ...(direct ? { contacts: withContactFirst(state.contacts, parseKey(key).name) } : {}),
    }));
    return { key, notify: !mine && !seen && (direct || mentioned) };
  },
  revised: (revision) => {
    const key = conversationOfRevision(revision, get().me?.id ?? "");
    if (!get().conversations[key]) return;
    set((state) =>
      update(state, key, (c) => ({ messages: revise(c.messages, revision), waiting: revise(c.waiting, revision) })),
    );
  },
  reacted: (reaction) => {
    const me = get().me?.id ?? "";
    const key = conversationOfReaction(reaction, me);
    if (!get().conversations[key]) return;
    set((state) =>
      update(state, key, (c) => ({
        messages: react(c.messages, reaction, me),
        waiting: react(c.waiting, reaction, me),
      })),
    );
  },
  replyingTo: {},
  startReply: (key, quote) => {
    set((state) => ({ replyingTo: { ...state.replyingTo, [key]: quote } }));
  },
  cancelReply: (key) => {
    set((state) => ({ replyingTo: Object.fromEntries(Object.entries(state.replyingTo).filter(([k]) => k !== key)) }));
  },
  jumpTo: (key, id) => {
    set((state) => update(state, key, () => ({ jumpTarget: id })));
  },
  jumpDone: (key) => {
    set((state) => update(state, key, () => ({ jumpTarget: null })));
  },
  aroundPage: (key, messages, target) => {
    set((state) =>
      updateWithAuthors(state, key, messages, (c) => {
        const page = messages.map(fromWire);
        const newestKnown = Math.max(newestId(c.messages) ?? 0, newestId(c.waiting) ?? 0);
        const pending = c.messages.filter((m) => m.id === undefined);
        if ((newestId(page) ?? 0) >= newestKnown) {
          // The page reaches the newest message: nothing is left out between it and the live ones.
          return {
            messages: mergeMessages(mergeMessages(c.messages, c.waiting), page),
            waiting: [],
            detached: false,
            jumpTarget: target,
          };
        }
        const live = c.detached ? c.waiting : c.messages.filter((m) => m.id !== undefined).slice(-MAX_WAITING);
        return {
          messages: [...page, ...pending],
          waiting: live,
          detached: true,
          reachedStart: false,
          jumpTarget: target,
        };
      }),
    );
  },
  backToLatest: (key, messages, pageSize) => {
    set((state) =>
      updateWithAuthors(state, key, messages, (c) => ({
        messages: mergeMessages(
          mergeMessages(
            c.messages.filter((m) => m.id === undefined),
            messages.map(fromWire),
          ),
          c.waiting,
        ),
        waiting: [],
        detached: false,
        reachedStart: messages.length < pageSize,
      })),
    );
  },
  latestPage: (key, messages, pageSize) => {
    set((state) =>
      updateWithAuthors(state, key, messages, (c) => ({
        messages: mergeMessages(c.messages, messages.map(fromWire)),
        loaded: true,
        reachedStart: c.reachedStart || messages.length < pageSize,
      })),
    );
  },
  olderPage: (key, messages, pageSize) => {
    set((state) =>
      updateWithAuthors(state, key, messages, (c) => ({
        messages: mergeMessages(c.messages, messages.map(fromWire)),
        loadingOlder: false,
        reachedStart: messages.length < pageSize,
      })),
    );
  },
  setLoadingOlder: (key, loading) => {
    set((state) => update(state, key, () => ({ loadingOlder: loading })));
  },
  addPending: (key, message) => {
    set((state) => {
      const { kind, name } = parseKey(key);
      return {
        ...update(state, key, (c) => ({ messages: [...c.messages, message] })),
        ...(kind === "dm" ? { contacts: withContactFirst(state.contacts, name) } : {}),
      };
    });
  },
  acknowledged: (key, clientId, id, timestamp) => {
    set((state) =>
      update(state, key, (c) => {
        const optimistic = c.messages.find((m) => m.clientId === clientId && m.id === undefined);
        if (!optimistic) return {};
        const stored: ChatMessage = { ...optimistic, id, timestamp, state: "sent", error: undefined };
        const rest = c.messages.filter((m) => m !== optimistic);
        return { messages: mergeMessages(rest, [stored]) };
      }),
    );
  },
  failed: (key, clientId, error) => {
    set((state) =>
      update(state, key, (c) => ({
        messages: c.messages.map((m) =>
          m.clientId === clientId && m.id === undefined ? { ...m, state: "failed", error } : m,
        ),
      })),
    );
  },
  retrying: (key, clientId) => {
    set((state) =>
      update(state, key, (c) => ({
        messages: c.messages.map((m) =>
          m.clientId === clientId && m.id === undefined ? { ...m, state: "pending", error: undefined } : m,
        ),
      })),
    );
  },
  resetLoaded: () => {
    set((state) => ({
      conversations: Object.fromEntries(
        Object.entries(state.conversations).map(([key, c]) => [
          key,
          {
            ...c!,
            loaded: false,
            reachedStart: false,
            detached: false,
            waiting: [],
            messages: c!.messages.filter((m) => m.id === undefined),
          },
        ]),
      ),
    }));
  },
});

const typingSlice: StateCreator<ChatState, [], [], TypingSlice> = (set) => ({
  typing: {},
  someoneTyping: (key, user, now) => {
    set((state) => ({ typing: { ...state.typing, [key]: { ...state.typing[key], [user]: now + TYPING_VISIBLE_MS } } }));
  },
  expireTyping: (now) => {
    set((state) => {
      let changed = false;
      const typing: ChatState["typing"] = {};
      for (const [key, users] of Object.entries(state.typing)) {
        const still = Object.fromEntries(Object.entries(users ?? {}).filter(([, until]) => until > now));
        if (Object.keys(still).length !== Object.keys(users ?? {}).length) changed = true;
        if (Object.keys(still).length > 0) typing[key as ConversationKey] = still;
      }
      return changed ? { typing } : state;
    });
  },
});

function initialState(): Partial<ChatState> {
  return {
    me: null,
    status: "stopped",
    statusDetail: undefined,
    rooms: [],
    roomsLoaded: false,
    users: {},
    contacts: [],
    contactsLoaded: false,
    shown: {},
    conversations: {},
    replyingTo: {},
    active: null,
    linkNotFound: false,
    atBottom: true,
    typing: {},
  };
}

export const createChatStore = () =>
  create<ChatState>()((...a) => ({
    ...sessionSlice(...a),
    ...directorySlice(...a),
    ...conversationsSlice(...a),
    ...typingSlice(...a),
  }));

/** The application's one store. */
export const useChatStore = createChatStore();

/** Total unread messages, for the window title. */
export function totalUnread(state: ChatState): number {
  return Object.values(state.conversations).reduce((sum, c) => sum + (c?.unread ?? 0), 0);
}
