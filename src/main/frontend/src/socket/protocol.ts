// The WebSocket contract (docs/protocol.md) as TypeScript types.

export interface WireMessage {
  id: number;
  room?: string;
  from: string;
  to?: string;
  content: string;
  timestamp: string;
  client_id?: string;
}

export interface RoomListing {
  name: string;
  private: boolean;
  member: boolean;
}

export interface UserListing {
  id: string;
  name: string;
  online: boolean;
}

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

export type ServerEvent =
  | ({ type: "message" } & WireMessage)
  | ({ type: "dm" } & WireMessage)
  | { type: "ack"; id: number; timestamp: string; client_id?: string; ref?: string }
  | { type: "joined"; room: string; ref?: string }
  | { type: "left"; room: string; ref?: string }
  | { type: "room_created"; room: string; private: boolean; ref?: string }
  | {
      type: "invited";
      room: string;
      private: boolean;
      user: string;
      by: string;
      already_member?: boolean;
      ref?: string;
    }
  | { type: "history"; room: string; messages: WireMessage[]; ref?: string }
  | { type: "dm_history"; with: string; messages: WireMessage[]; ref?: string }
  | { type: "rooms"; rooms: RoomListing[]; next?: string; ref?: string }
  | { type: "users"; users: UserListing[]; ref?: string }
  | { type: "presence"; user: string; online: boolean }
  | { type: "typing"; room?: string; user: string; to?: string }
  | { type: "resumed"; replayed: number; complete: boolean; cursor: number; ref?: string }
  | { type: "authenticated"; expires_at: string; ref?: string }
  | { type: "ok"; ref?: string }
  | { type: "error"; code: ErrorCode; message: string; retry_after_ms?: number; ref?: string };

export type ServerEventOf<T extends ServerEvent["type"]> = Extract<ServerEvent, { type: T }>;

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
