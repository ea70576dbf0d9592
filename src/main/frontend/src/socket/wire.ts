// Generated from docs/asyncapi.yaml by scripts/wire-types.mjs (npm run wire). Do not edit: change the contract.

/**
 * A request, as the server receives it.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ClientFrame".
 */
export type ClientFrame =
  | AuthRequest
  | CreateRoomRequest
  | DeleteRequest
  | DirectHistoryRequest
  | DirectMessageRequest
  | DirectReadRequest
  | DirectTypingRequest
  | EditRequest
  | HistoryRequest
  | InviteRequest
  | JoinRequest
  | LeaveRequest
  | MembersRequest
  | MentionsRequest
  | MessageRequest
  | ReactRequest
  | ResumeRequest
  | RoomReadRequest
  | RoomTypingRequest
  | RoomsRequest
  | SearchRequest
  | UnreactRequest
  | UsersRequest
  | WatchRequest;
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RequestRef".
 */
export type RequestRef = Ref | null;
/**
 * Chosen by the client, echoed in the answer; at most 128 characters.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Ref".
 */
export type Ref = string;
/**
 * 1 to 64 characters of a-z, 0-9, _ and -, starting with a letter or digit; case-insensitive.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomName".
 */
export type RoomName = string;
/**
 * Unique across rooms and direct messages; increasing in the order of every conversation.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MessageId".
 */
export type MessageId = number;
/**
 * The token's `sub`; 1 to 255 characters without control characters.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "UserId".
 */
export type UserId = string;
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "PageLimit".
 */
export type PageLimit = number | null;
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Before".
 */
export type Before = number | null;
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Around".
 */
export type Around = number | null;
/**
 * 1 to 4000 characters (code points), not only white space or invisible characters, without NUL
 * or unpaired surrogates; stored and returned exactly as sent.
 *
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Content".
 */
export type Content = string;
/**
 * A UUID the client generates per new message, in canonical 8-4-4-4-12 form; a resend with the same one stores nothing new.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ClientId".
 */
export type ClientId = string;
/**
 * The message this one answers, in the same conversation (`not_found` otherwise).
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ReplyTo".
 */
export type ReplyTo = MessageId | null;
/**
 * One emoji as Unicode writes it (with skin tone, variation selector, joiners or tags), never
 * words or markup; at most 64 UTF-16 units. Anything else is `bad_request`.
 *
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Emoji".
 */
export type Emoji = string;
/**
 * An answer or an event, as the server sends it.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ServerFrame".
 */
export type ServerFrame =
  | AckAnswer
  | AuthenticatedAnswer
  | DirectHistoryAnswer
  | DirectMessageEvent
  | DirectReactionEvent
  | DirectReadEvent
  | DirectTypingEvent
  | ErrorEvent
  | HistoryAnswer
  | InvitedEvent
  | JoinedAnswer
  | LeftAnswer
  | MembersAnswer
  | MentionsAnswer
  | MessageDeletedEvent
  | MessageEditedEvent
  | MessageEvent
  | OkAnswer
  | PresenceEvent
  | ResumedEvent
  | RoomCreatedAnswer
  | RoomReactionEvent
  | RoomReadEvent
  | RoomTypingEvent
  | RoomsAnswer
  | SearchResultsAnswer
  | UsersAnswer
  | WatchingAnswer;
/**
 * Set by the server; ISO-8601 in UTC with milliseconds.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Timestamp".
 */
export type Timestamp = string;
/**
 * The author's display name as the company's directory holds it now (from their latest token), sent with every message so that a client never shows an id in place of a person. Display names are not unique and people may change their own: `from` says who it really is.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "AuthorName".
 */
export type AuthorName = string;
/**
 * The reactions to a message in history, each emoji once (20 at most), in the order they were first used.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Reactions".
 */
export type Reactions = {
  emoji: Emoji;
  count: number;
  /**
   * The first people who reacted with it (5 at most), earliest first.
   */
  users: UserId[];
  /**
   * Whether the person who asked for the page is one of them.
   */
  mine: boolean;
}[];
/**
 * How many people had reacted to the message with that emoji once this change was stored.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ReactionCount".
 */
export type ReactionCount = number;
/**
 * The newest message id read in a conversation (0 if none).
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ReadMark".
 */
export type ReadMark = number;
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ErrorCode".
 */
export type ErrorCode =
  | "bad_request"
  | "forbidden"
  | "not_found"
  | "unknown_user"
  | "too_large"
  | "conflict"
  | "rate_limited"
  | "quota_exceeded"
  | "unauthorized"
  | "unavailable"
  | "internal";
/**
 * A room name as the server answers it, in lower case.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "CanonicalRoomName".
 */
export type CanonicalRoomName = string;
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "OptionalFlag".
 */
export type OptionalFlag = boolean | null;

/**
 * Both directions of the socket at /ws (docs/protocol.md explains them).
 */
export interface ChatProtocol {
  request: ClientFrame;
  answerOrEvent: ServerFrame;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "AuthRequest".
 */
export interface AuthRequest {
  type: "auth";
  /**
   * A fresh JWT of the same person.
   */
  token: string;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "CreateRoomRequest".
 */
export interface CreateRoomRequest {
  type: "create_room";
  room: RoomName;
  /**
   * false when absent.
   */
  private?: boolean | null;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DeleteRequest".
 */
export interface DeleteRequest {
  type: "delete";
  id: MessageId;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectHistoryRequest".
 */
export interface DirectHistoryRequest {
  type: "dm_history";
  with: UserId;
  limit?: PageLimit;
  before?: Before;
  around?: Around;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectMessageRequest".
 */
export interface DirectMessageRequest {
  type: "dm";
  to: UserId;
  content: Content;
  client_id?: ClientId | null;
  reply_to?: ReplyTo;
  ref?: RequestRef;
}
/**
 * Read in the direct conversation with one person.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectReadRequest".
 */
export interface DirectReadRequest {
  type: "read";
  with: UserId;
  id: MessageId;
  ref?: RequestRef;
}
/**
 * Typing to one person.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectTypingRequest".
 */
export interface DirectTypingRequest {
  type: "typing";
  room?: null;
  to: UserId;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "EditRequest".
 */
export interface EditRequest {
  type: "edit";
  id: MessageId;
  content: Content;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "HistoryRequest".
 */
export interface HistoryRequest {
  type: "history";
  room: RoomName;
  limit?: PageLimit;
  before?: Before;
  around?: Around;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "InviteRequest".
 */
export interface InviteRequest {
  type: "invite";
  room: RoomName;
  user: UserId;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "JoinRequest".
 */
export interface JoinRequest {
  type: "join";
  room: RoomName;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "LeaveRequest".
 */
export interface LeaveRequest {
  type: "leave";
  room: RoomName;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MembersRequest".
 */
export interface MembersRequest {
  type: "members";
  room: RoomName;
  /**
   * The previous page's `next`.
   */
  after?: UserId | null;
  /**
   * 50 when absent.
   */
  limit?: number | null;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MentionsRequest".
 */
export interface MentionsRequest {
  type: "mentions";
  limit?: number | null;
  before?: Before;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MessageRequest".
 */
export interface MessageRequest {
  type: "message";
  room: RoomName;
  content: Content;
  client_id?: ClientId | null;
  reply_to?: ReplyTo;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ReactRequest".
 */
export interface ReactRequest {
  type: "react";
  id: MessageId;
  emoji: Emoji;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ResumeRequest".
 */
export interface ResumeRequest {
  type: "resume";
  /**
   * The cursor; the largest id received in a `message` or `dm` event, or the last `resumed` cursor.
   */
  after: number;
  ref?: RequestRef;
}
/**
 * Read in a room one is a member of; a `with` next to `room` is ignored.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomReadRequest".
 */
export interface RoomReadRequest {
  type: "read";
  room: RoomName;
  id: MessageId;
  ref?: RequestRef;
}
/**
 * Typing in a room; a `to` next to `room` is ignored.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomTypingRequest".
 */
export interface RoomTypingRequest {
  type: "typing";
  room: RoomName;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomsRequest".
 */
export interface RoomsRequest {
  type: "rooms";
  /**
   * true: only the rooms one belongs to.
   */
  member?: boolean | null;
  /**
   * Only names starting with it (case-insensitive).
   */
  prefix?: string | null;
  /**
   * Only names after this one; the previous page's `next`.
   */
  after?: string | null;
  /**
   * 100 when absent.
   */
  limit?: number | null;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "SearchRequest".
 */
export interface SearchRequest {
  type: "search";
  /**
   * Words (all must occur), "a phrase", or, -word; 1 to 200 characters besides spaces.
   */
  query: string;
  room?: RoomName | null;
  with?: UserId | null;
  from?: UserId | null;
  after?: string | null;
  before?: string | null;
  limit?: number | null;
  offset?: number | null;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "UnreactRequest".
 */
export interface UnreactRequest {
  type: "unreact";
  id: MessageId;
  emoji: Emoji;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "UsersRequest".
 */
export interface UsersRequest {
  type: "users";
  /**
   * Search the people directory; absent, the people one has direct conversations with.
   */
  query?: string | null;
  /**
   * Results per page of a search (at most 50, 20 when absent); without a query, conversations (at most 100, 50 when absent).
   */
  limit?: number | null;
  /**
   * Results of a search to skip; the previous page's `next`.
   */
  offset?: number | null;
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "WatchRequest".
 */
export interface WatchRequest {
  type: "watch";
  /**
   * Everyone to watch from now on; an empty list watches nobody.
   *
   * @maxItems 500
   */
  users: UserId[];
  ref?: RequestRef;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "AckAnswer".
 */
export interface AckAnswer {
  type: "ack";
  id: MessageId;
  timestamp: Timestamp;
  client_id?: ClientId;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "AuthenticatedAnswer".
 */
export interface AuthenticatedAnswer {
  type: "authenticated";
  /**
   * Set by the server; ISO-8601 in UTC with milliseconds.
   */
  expires_at: string;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectHistoryAnswer".
 */
export interface DirectHistoryAnswer {
  type: "dm_history";
  with: UserId;
  /**
   * @maxItems 100
   */
  messages: DirectMessage[];
  ref?: Ref;
}
/**
 * A direct message, as history pages hold it (the live event adds `type`).
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectMessage".
 */
export interface DirectMessage {
  id: MessageId;
  from: UserId;
  from_name: AuthorName;
  to: UserId;
  content?: Content;
  /**
   * Present (true) on a deleted message, which then has no `content`.
   */
  deleted?: true;
  timestamp: Timestamp;
  /**
   * Set by the server; ISO-8601 in UTC with milliseconds.
   */
  edited_at?: string;
  client_id?: ClientId;
  reply_to?: Quote;
  reactions?: Reactions;
}
/**
 * The message a reply answers, as it is now - its author and the start of its text (120 characters at most), or `deleted`.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "Quote".
 */
export interface Quote {
  id: MessageId;
  from: UserId;
  from_name: AuthorName;
  excerpt?: string;
  deleted?: true;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectMessageEvent".
 */
export interface DirectMessageEvent {
  type: "dm";
  id: MessageId;
  from: UserId;
  from_name: AuthorName;
  to: UserId;
  content?: Content;
  /**
   * Present (true) on a deleted message, which then has no `content`.
   */
  deleted?: true;
  timestamp: Timestamp;
  /**
   * Set by the server; ISO-8601 in UTC with milliseconds.
   */
  edited_at?: string;
  client_id?: ClientId;
  reply_to?: Quote;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectReactionEvent".
 */
export interface DirectReactionEvent {
  type: "reaction";
  id: MessageId;
  message_id: MessageId;
  user: UserId;
  to: UserId;
  emoji: Emoji;
  added: boolean;
  count: ReactionCount;
  timestamp: Timestamp;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectReadEvent".
 */
export interface DirectReadEvent {
  type: "read";
  with: UserId;
  id: ReadMark;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "DirectTypingEvent".
 */
export interface DirectTypingEvent {
  type: "typing";
  user: UserId;
  /**
   * The token's `sub`; 1 to 255 characters without control characters.
   */
  to: string;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ErrorEvent".
 */
export interface ErrorEvent {
  type: "error";
  code: ErrorCode;
  /**
   * For people; never parse it.
   */
  message: string;
  /**
   * With `rate_limited` only; when the next request of that class will be allowed.
   */
  retry_after_ms?: number;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "HistoryAnswer".
 */
export interface HistoryAnswer {
  type: "history";
  room: CanonicalRoomName;
  /**
   * Oldest first; empty once the beginning was reached. A page may be short to stay under 128 KiB.
   *
   * @maxItems 100
   */
  messages: RoomMessage[];
  ref?: Ref;
}
/**
 * A message in a room, as history pages hold it (the live event adds `type`).
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomMessage".
 */
export interface RoomMessage {
  id: MessageId;
  room: CanonicalRoomName;
  from: UserId;
  from_name: AuthorName;
  content?: Content;
  /**
   * Present (true) on a deleted message, which then has no `content`.
   */
  deleted?: true;
  timestamp: Timestamp;
  /**
   * Set by the server; ISO-8601 in UTC with milliseconds.
   */
  edited_at?: string;
  client_id?: ClientId;
  reply_to?: Quote;
  reactions?: Reactions;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "InvitedEvent".
 */
export interface InvitedEvent {
  type: "invited";
  room: CanonicalRoomName;
  private: boolean;
  user: UserId;
  by: UserId;
  /**
   * Only in the inviter's answer, when the invitee already was a member (nothing changed, nothing was sent to them).
   */
  already_member?: true;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "JoinedAnswer".
 */
export interface JoinedAnswer {
  type: "joined";
  room: CanonicalRoomName;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "LeftAnswer".
 */
export interface LeftAnswer {
  type: "left";
  room: CanonicalRoomName;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MembersAnswer".
 */
export interface MembersAnswer {
  type: "members";
  room: CanonicalRoomName;
  members: UserListing[];
  /**
   * How many members the room has.
   */
  count: number;
  /**
   * How many of them are online now.
   */
  online: number;
  /**
   * The token's `sub`; 1 to 255 characters without control characters.
   */
  next?: string;
  ref?: Ref;
}
/**
 * A person, with `online` or, where their presence is not for the one asking to see, `presence_hidden`.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "UserListing".
 */
export interface UserListing {
  id: UserId;
  /**
   * From the token's claims, without control characters, direction overrides or zero-width spaces.
   */
  name: string;
  /**
   * The address the company's directory holds for them (from their latest token), when it has one.
   */
  email?: string;
  online?: boolean;
  /**
   * In place of `online` where the company shows presence to contacts only (`chat.presence.visible-to`) and this person shares no room or direct conversation with the one asking: neither online nor offline is said.
   */
  presence_hidden?: true;
  /**
   * In one's own conversations (`rooms` with `member`, `users` without `query`) only; the newest message id one read there (0 for none yet).
   */
  last_read?: number;
  /**
   * Messages of others after `last_read` (in a room with no mark yet, after one joined), counted up to 100.
   */
  unread?: number;
  /**
   * How many of those unread messages mention one (`@id` or `@display name`).
   */
  mentions?: number;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MentionsAnswer".
 */
export interface MentionsAnswer {
  type: "mentions";
  /**
   * Newest first.
   */
  messages: RoomMessage[];
  /**
   * Unique across rooms and direct messages; increasing in the order of every conversation.
   */
  next_before?: number;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MessageDeletedEvent".
 */
export interface MessageDeletedEvent {
  type: "message_deleted";
  id: MessageId;
  message_id: MessageId;
  room?: CanonicalRoomName;
  from: UserId;
  to?: UserId;
  deleted_at: Timestamp;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MessageEditedEvent".
 */
export interface MessageEditedEvent {
  type: "message_edited";
  id: MessageId;
  message_id: MessageId;
  room?: CanonicalRoomName;
  from: UserId;
  to?: UserId;
  content: Content;
  edited_at: Timestamp;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "MessageEvent".
 */
export interface MessageEvent {
  type: "message";
  id: MessageId;
  room: CanonicalRoomName;
  from: UserId;
  from_name: AuthorName;
  content?: Content;
  /**
   * Present (true) on a deleted message, which then has no `content`.
   */
  deleted?: true;
  timestamp: Timestamp;
  /**
   * Set by the server; ISO-8601 in UTC with milliseconds.
   */
  edited_at?: string;
  client_id?: ClientId;
  reply_to?: Quote;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "OkAnswer".
 */
export interface OkAnswer {
  type: "ok";
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "PresenceEvent".
 */
export interface PresenceEvent {
  type: "presence";
  user: UserId;
  online: boolean;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "ResumedEvent".
 */
export interface ResumedEvent {
  type: "resumed";
  /**
   * How many `message` and `dm` events were replayed before this one.
   */
  replayed: number;
  /**
   * false: too much was missed and nothing was replayed; reload with history and continue from `cursor`.
   */
  complete: boolean;
  /**
   * Where to resume from next time.
   */
  cursor: number;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomCreatedAnswer".
 */
export interface RoomCreatedAnswer {
  type: "room_created";
  room: CanonicalRoomName;
  private: boolean;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomReactionEvent".
 */
export interface RoomReactionEvent {
  type: "reaction";
  id: MessageId;
  message_id: MessageId;
  room: CanonicalRoomName;
  user: UserId;
  emoji: Emoji;
  added: boolean;
  count: ReactionCount;
  timestamp: Timestamp;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomReadEvent".
 */
export interface RoomReadEvent {
  type: "read";
  room: CanonicalRoomName;
  id: ReadMark;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomTypingEvent".
 */
export interface RoomTypingEvent {
  type: "typing";
  room: CanonicalRoomName;
  user: UserId;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomsAnswer".
 */
export interface RoomsAnswer {
  type: "rooms";
  /**
   * @maxItems 200
   */
  rooms: RoomListing[];
  /**
   * A room name as the server answers it, in lower case.
   */
  next?: string;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "RoomListing".
 */
export interface RoomListing {
  name: CanonicalRoomName;
  private: boolean;
  member: boolean;
  /**
   * In one's own conversations (`rooms` with `member`, `users` without `query`) only; the newest message id one read there (0 for none yet).
   */
  last_read?: number;
  /**
   * Messages of others after `last_read` (in a room with no mark yet, after one joined), counted up to 100.
   */
  unread?: number;
  /**
   * How many of those unread messages mention one (`@id` or `@display name`).
   */
  mentions?: number;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "SearchResultsAnswer".
 */
export interface SearchResultsAnswer {
  type: "search_results";
  /**
   * Best first; at most `limit`.
   */
  results: SearchResult[];
  /**
   * The offset of the next page, when there may be one.
   */
  next?: number;
  ref?: Ref;
}
/**
 * A message found, without its content - in a room (`room`) or direct (`to`), with a snippet of its text.
 *
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "SearchResult".
 */
export interface SearchResult {
  id: MessageId;
  room?: CanonicalRoomName;
  from: UserId;
  from_name: AuthorName;
  to?: UserId;
  timestamp: Timestamp;
  /**
   * About 30 words of the message as runs of text; `match` marks the words found.
   */
  snippet: {
    text: string;
    match: boolean;
  }[];
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "UsersAnswer".
 */
export interface UsersAnswer {
  type: "users";
  users: UserListing[];
  /**
   * A search's next page: send it as `offset`. Absent on the last page and without a query.
   */
  next?: number;
  ref?: Ref;
}
/**
 * This interface was referenced by `ChatProtocol`'s JSON-Schema
 * via the `definition` "WatchingAnswer".
 */
export interface WatchingAnswer {
  type: "watching";
  /**
   * The people now watched, with whether each is online now.
   */
  users: UserListing[];
  /**
   * The ids asked for that belong to nobody the server has seen; not watched. Absent when there is none.
   *
   * @minItems 1
   */
  unknown?: [UserId, ...UserId[]];
  ref?: Ref;
}
