import { useChatStore } from "@/chatStore";
import { ChatSocket } from "@/socket/chat-socket";
import {
  RequestFailed,
  type RoomListing,
  type ServerEvent,
  type ServerEventOf,
  type UserListing,
  type WireMessage,
} from "@/socket/protocol";
import {
  type ConversationKey,
  dmKey,
  newestId,
  oldestId,
  parseKey,
  type QuotedMessage,
  roomKey,
} from "@/messages/model";
import type { Session } from "@/auth/session";
import { webSocketUrl } from "@/lib/base-url";
import { notify } from "@/notifications/notifier";
import { watchList } from "@/people/watch-list";

export const PAGE_SIZE = 50;
/** Rooms shown for one search: a person refines the prefix rather than scrolls. */
const ROOM_SEARCH_LIMIT = 50;
const PEOPLE_SEARCH_LIMIT = 20;
/** At most one typing notice per conversation this often: the server drops the excess anyway. */
const TYPING_EVERY_MS = 2_500;
/** A screen that changes a few times in a row (a dialog opens, results arrive) sends one `watch`. */
const WATCH_SETTLE_MS = 150;
/** At most one `read` this often: reading along a busy room moves the mark once a second. */
const READ_EVERY_MS = 1_000;

/**
 * The signed-in client: connects the socket to the store, and offers what the interface does
 * (send, page back, join, create, invite). One exists per sign-in.
 */
export class ChatClient {
  readonly socket: ChatSocket;
  private lastTyping = new Map<ConversationKey, number>();
  private navigate: (key: ConversationKey) => void = () => {};
  /** The watch list the server has (joined), or null after a (re)connect: nothing is watched yet. */
  private watching: string | null = null;
  private watchTimer: number | undefined;
  private readonly stopWatching: () => void;
  /** The newest mark sent per conversation, so that one is not sent twice before the server answers. */
  private readSent = new Map<ConversationKey, number>();
  private readTimer: number | undefined;
  private lastReadAt = 0;

  constructor(private readonly session: Session) {
    const store = useChatStore.getState();
    store.signedIn(session.me);
    this.socket = new ChatSocket({
      url: webSocketUrl,
      token: (fresh) => session.token(fresh),
      onEvent: (event) => {
        this.handle(event);
      },
      onStatus: (status, detail) => {
        useChatStore.getState().setStatus(status, detail);
        if (status === "online") {
          this.watching = null;
          void this.refreshDirectory();
        }
      },
    });
    this.stopWatching = useChatStore.subscribe(() => {
      this.watchSoon();
      this.readSoon();
    });
    session.onRenewed((token) => void this.socket.renew(token).catch(() => undefined));
    session.onEnded(() => {
      this.stopWatching();
      this.socket.stop();
      useChatStore.getState().signedOut();
    });
  }

  start(navigate: (key: ConversationKey) => void): void {
    this.navigate = navigate;
    this.socket.start();
  }

  async signOut(): Promise<void> {
    this.stopWatching();
    this.socket.stop();
    await this.session.signOut();
    useChatStore.getState().signedOut();
  }

  /** Sends at once (optimistically shown as pending) and keeps trying until acknowledged. */
  send(key: ConversationKey, content: string, replyTo?: QuotedMessage, clientId: string = crypto.randomUUID()): void {
    const store = useChatStore.getState();
    const me = store.me!;
    const existing = store.conversations[key]?.messages.find((m) => m.clientId === clientId);
    if (existing) store.retrying(key, clientId);
    else
      store.addPending(key, {
        clientId,
        from: me.id,
        content,
        timestamp: new Date().toISOString(),
        state: "pending",
        ...(replyTo ? { replyTo } : {}),
      });
    const { kind, name } = parseKey(key);
    const answering = replyTo ? { reply_to: replyTo.id } : {};
    const frame =
      kind === "room"
        ? { type: "message" as const, room: name, content, ...answering }
        : { type: "dm" as const, to: name, content, ...answering };
    this.socket
      .send(frame, clientId)
      .then((ack) => {
        useChatStore.getState().acknowledged(key, clientId, ack.id, ack.timestamp);
      })
      .catch((error: unknown) => {
        useChatStore.getState().failed(key, clientId, error instanceof RequestFailed ? error.message : String(error));
      });
  }

  /** Replaces the text of one's own message; everyone sees it through `message_edited`. */
  async edit(id: number, content: string): Promise<void> {
    await this.socket.request({ type: "edit", id, content });
  }

  /** Deletes one's own message for everyone; its text is erased on the server. */
  async deleteMessage(id: number): Promise<void> {
    await this.socket.request({ type: "delete", id });
  }

  /** Reacts to a message with an emoji; everyone in the conversation sees it through `reaction`. */
  async react(id: number, emoji: string): Promise<void> {
    await this.socket.request({ type: "react", id, emoji });
  }

  async unreact(id: number, emoji: string): Promise<void> {
    await this.socket.request({ type: "unreact", id, emoji });
  }

  retry(key: ConversationKey, clientId: string): void {
    const message = useChatStore.getState().conversations[key]?.messages.find((m) => m.clientId === clientId);
    if (message) this.send(key, message.content, message.replyTo, clientId);
  }

  /** Shows a message (one a reply quotes, or a search found): where it is loaded, or on a page of history around it. */
  async jumpTo(key: ConversationKey, id: number): Promise<void> {
    await this.ensureLoaded(key); // the latest page first: whether the message is among it decides the rest
    const store = useChatStore.getState();
    if (store.conversations[key]?.messages.some((m) => m.id === id)) {
      store.jumpTo(key, id);
      return;
    }
    useChatStore.getState().aroundPage(key, await this.page(key, { around: id }), id);
  }

  /** Back to the newest messages after reading older ones around a jump. */
  async backToLatest(key: ConversationKey): Promise<void> {
    useChatStore.getState().backToLatest(key, await this.page(key), PAGE_SIZE);
  }

  typing(key: ConversationKey): void {
    const now = Date.now();
    if (now - (this.lastTyping.get(key) ?? 0) < TYPING_EVERY_MS) return;
    this.lastTyping.set(key, now);
    const { kind, name } = parseKey(key);
    this.socket.typing(kind === "room" ? { room: name } : { to: name });
  }

  /** Loads the latest page the first time a conversation is shown. */
  async ensureLoaded(key: ConversationKey): Promise<void> {
    if (useChatStore.getState().conversations[key]?.loaded) return;
    const messages = await this.page(key);
    useChatStore.getState().latestPage(key, messages, PAGE_SIZE);
  }

  /** Pages back: the 50 messages before the oldest one shown. */
  async loadOlder(key: ConversationKey): Promise<void> {
    const conversation = useChatStore.getState().conversations[key];
    if (!conversation || conversation.loadingOlder || conversation.reachedStart) return;
    const before = oldestId(conversation.messages);
    if (before === undefined) return;
    useChatStore.getState().setLoadingOlder(key, true);
    try {
      useChatStore.getState().olderPage(key, await this.page(key, { before }), PAGE_SIZE);
    } catch (error) {
      useChatStore.getState().setLoadingOlder(key, false);
      throw error;
    }
  }

  async join(room: string): Promise<string> {
    const joined = await this.socket.request<ServerEventOf<"joined">>({ type: "join", room });
    useChatStore.getState().roomJoined(joined.room);
    return joined.room;
  }

  async leave(room: string): Promise<void> {
    await this.socket.request({ type: "leave", room });
    useChatStore.getState().roomLeft(room);
  }

  async createRoom(room: string, isPrivate: boolean): Promise<string> {
    const created = await this.socket.request<ServerEventOf<"room_created">>({
      type: "create_room",
      room,
      private: isPrivate,
    });
    useChatStore.getState().roomJoined(created.room, created.private);
    return created.room;
  }

  async invite(room: string, user: string): Promise<void> {
    await this.socket.request({ type: "invite", room, user });
  }

  /** The rooms one belongs to (page by page) and one's conversations: on each (re)connect, never per event. */
  async refreshDirectory(): Promise<void> {
    try {
      const [rooms, contacts] = await Promise.all([
        this.memberships(),
        this.socket.request<ServerEventOf<"users">>({ type: "users" }),
      ]);
      const store = useChatStore.getState();
      store.setRooms(rooms);
      store.setContacts(contacts.users);
      rooms.forEach((room) => {
        store.unreadFromServer(roomKey(room.name), room);
      });
      contacts.users.forEach((person) => {
        store.unreadFromServer(dmKey(person.id), person);
      });
      const active = useChatStore.getState().active;
      if (active) await this.ensureLoaded(active);
    } catch {
      // the next reconnect tries again
    }
  }

  private async memberships(): Promise<RoomListing[]> {
    const rooms: RoomListing[] = [];
    let after: string | undefined;
    do {
      const page: ServerEventOf<"rooms"> = await this.socket.request<ServerEventOf<"rooms">>(
        after === undefined ? { type: "rooms", member: true } : { type: "rooms", member: true, after },
      );
      rooms.push(...page.rooms);
      after = page.next;
    } while (after !== undefined);
    return rooms;
  }

  /** Rooms one can see whose names start with the prefix: the server searches, the client never lists them all. */
  async searchRooms(prefix: string): Promise<RoomListing[]> {
    const found = await this.socket.request<ServerEventOf<"rooms">>({
      type: "rooms",
      prefix,
      limit: ROOM_SEARCH_LIMIT,
    });
    return found.rooms;
  }

  /** Messages one may read that hold the words, best first; `offset` pages on. */
  async searchMessages(
    query: string,
    where: { room?: string; with?: string } = {},
    offset = 0,
  ): Promise<ServerEventOf<"search_results">> {
    return this.socket.request<ServerEventOf<"search_results">>({
      type: "search",
      query,
      ...where,
      ...(offset > 0 ? { offset } : {}),
    });
  }

  /** The latest messages of one's rooms that mention one, newest first; `before` pages back. */
  async mentions(before?: number): Promise<ServerEventOf<"mentions">> {
    return this.socket.request<ServerEventOf<"mentions">>(
      before === undefined ? { type: "mentions" } : { type: "mentions", before },
    );
  }

  /** People in the server's directory whose words start with those typed, best first. */
  async searchPeople(query: string): Promise<UserListing[]> {
    const found = await this.socket.request<ServerEventOf<"users">>({
      type: "users",
      query,
      limit: PEOPLE_SEARCH_LIMIT,
    });
    useChatStore.getState().rememberUsers(found.users);
    return found.users;
  }

  /** One page of a room's members by name, after the member with id `after`. */
  async members(room: string, after?: string): Promise<ServerEventOf<"members">> {
    const page = await this.socket.request<ServerEventOf<"members">>(
      after === undefined ? { type: "members", room } : { type: "members", room, after },
    );
    useChatStore.getState().rememberUsers(page.members);
    return page;
  }

  /**
   * Tells the server whose presence to send once the screen settles, when that changed: presence
   * comes for those people only (docs/protocol.md, `watch`).
   */
  private watchSoon(): void {
    if (this.watchTimer !== undefined) return;
    this.watchTimer = window.setTimeout(() => {
      this.watchTimer = undefined;
      const state = useChatStore.getState();
      if (state.status !== "online") return;
      const users = watchList(state);
      // The same people in another order (a conversation moved up) need no new watch.
      const joined = [...users].sort().join("\n");
      if (joined === this.watching) return;
      this.watching = joined;
      this.socket.request<ServerEventOf<"watching">>({ type: "watch", users }).then(
        (answer) => {
          useChatStore.getState().rememberUsers(answer.users);
          if (answer.unknown) useChatStore.getState().forgetUnknown(answer.unknown);
        },
        () => {
          // Asked again with the next change or reconnect.
          if (this.watching === joined) this.watching = null;
        },
      );
    }, WATCH_SETTLE_MS);
  }

  /**
   * Tells the server how far one has read, when the open conversation is on screen and scrolled to
   * its newest message: at most once a second, and only when that moves the mark.
   */
  private readSoon(): void {
    if (this.readTimer !== undefined || this.unreadAt() === null) return;
    this.readTimer = window.setTimeout(
      () => {
        this.readTimer = undefined;
        const target = this.unreadAt();
        if (target === null) return;
        this.lastReadAt = Date.now();
        this.readSent.set(target.key, target.id);
        const { kind, name } = parseKey(target.key);
        const frame =
          kind === "room"
            ? { type: "read" as const, room: name, id: target.id }
            : { type: "read" as const, with: name, id: target.id };
        this.socket.request(frame).catch(() => {
          this.readSent.delete(target.key); // tried again with the next change
        });
      },
      Math.max(0, this.lastReadAt + READ_EVERY_MS - Date.now()),
    );
  }

  /** The open conversation and its newest message, when one is looking at it and has not marked it read. */
  private unreadAt(): { key: ConversationKey; id: number } | null {
    const state = useChatStore.getState();
    const key = state.active;
    if (!key || !state.attentive || !state.atBottom || state.status !== "online") return null;
    const conversation = state.conversations[key];
    const id = newestId(conversation?.messages ?? []);
    if (id === undefined || id <= (conversation?.lastRead ?? 0) || id <= (this.readSent.get(key) ?? 0)) return null;
    return { key, id };
  }

  private async page(key: ConversationKey, from: { before?: number; around?: number } = {}): Promise<WireMessage[]> {
    const { kind, name } = parseKey(key);
    const paging = { limit: PAGE_SIZE, ...from };
    if (kind === "room") {
      return (await this.socket.request<ServerEventOf<"history">>({ type: "history", room: name, ...paging })).messages;
    }
    return (await this.socket.request<ServerEventOf<"dm_history">>({ type: "dm_history", with: name, ...paging }))
      .messages;
  }

  private handle(event: ServerEvent): void {
    const store = useChatStore.getState();
    switch (event.type) {
      case "message":
      case "dm": {
        const { key, notify: worthNotifying } = store.received(event);
        if (worthNotifying && document.hidden) {
          const sender = store.users[event.from]?.name ?? event.from;
          const where = event.type === "dm" ? sender : `${sender} in #${event.room}`;
          notify(where, event.content ?? "", key, () => {
            this.navigate(key);
          });
        }
        break;
      }
      case "message_edited":
      case "message_deleted":
        store.revised(event);
        break;
      case "reaction":
        store.reacted(event);
        break;
      case "read":
        store.readUpTo("room" in event ? roomKey(event.room) : dmKey(event.with), event.id);
        break;
      case "presence":
        store.presence(event.user, event.online);
        break;
      case "typing":
        store.someoneTyping("room" in event ? `room:${event.room}` : dmKey(event.user), event.user, Date.now());
        break;
      case "invited":
        if (event.user === store.me?.id) store.roomJoined(event.room, event.private);
        break;
      case "resumed":
        if (!event.complete) {
          // Too much was missed to replay: reload what is on screen from history instead.
          store.resetLoaded();
          const active = useChatStore.getState().active;
          if (active) void this.ensureLoaded(active);
        }
        break;
      default:
        break;
    }
  }
}
