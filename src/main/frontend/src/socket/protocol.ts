// The WebSocket contract: the wire types are generated from docs/asyncapi.yaml into wire.ts (npm run
// wire); this module names what the client uses of them and adds what is the client's own.
import type {
  ClientFrame,
  DirectMessage,
  DirectReactionEvent,
  ErrorCode,
  MessageDeletedEvent,
  MessageEditedEvent,
  RoomMessage,
  RoomReactionEvent,
  ServerFrame,
} from "./wire";

export type { ErrorCode, RoomListing, UserListing } from "./wire";

/** An answer or an event, as the server sends it. */
export type ServerEvent = ServerFrame;

export type ServerEventOf<T extends ServerEvent["type"]> = Extract<ServerEvent, { type: T }>;

/** A request as the client writes it; the socket adds the `ref`. */
export type Request = ClientFrame extends infer Frame
  ? Frame extends ClientFrame
    ? Omit<Frame, "ref">
    : never
  : never;

/** A message as history pages carry it; its live event adds `type`. */
export type WireMessage = RoomMessage | DirectMessage;

/** An author's edit or deletion of a message, in the stream after it. */
export type WireRevision = MessageEditedEvent | MessageDeletedEvent;

/** Someone reacted to a message or took their reaction back, in the stream after it. */
export type WireReaction = RoomReactionEvent | DirectReactionEvent;

/** Close codes the client reacts to (docs/protocol.md, "Close codes"). */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  policy: 1008,
  tooBig: 1009,
  tryAgainLater: 1013,
  tokenExpired: 4001,
} as const;

export class RequestFailed extends Error {
  constructor(
    readonly code: ErrorCode | "timeout" | "disconnected",
    message: string,
  ) {
    super(message);
  }
}
