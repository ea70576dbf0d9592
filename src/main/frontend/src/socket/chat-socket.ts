import { CloseCode, RequestFailed, type Request, type ServerEvent, type ServerEventOf } from "./protocol";
import type { ClientFrame, DirectMessageRequest, MessageRequest } from "./wire";
import { eventsOfFrame, SUBPROTOCOLS } from "./frames";

/** The part of the browser WebSocket the client uses, so tests can stand in for it. */
export interface WebSocketLike {
  readonly readyState: number;
  /** The subprotocol the server chose ("" before opening or when it chose none). */
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionStatus = "connecting" | "online" | "reconnecting" | "stopped";

export interface ChatSocketOptions {
  /** The WebSocket address without query, e.g. wss://chat.example.com/ws. */
  url: () => string;
  /** A token for the handshake; `fresh` asks for a new one (the last one expired). */
  token: (fresh: boolean) => Promise<string>;
  /** Every event, with repeated message ids already dropped. */
  onEvent: (event: ServerEvent) => void;
  onStatus: (status: ConnectionStatus, detail?: string) => void;
  createSocket?: (url: string, protocols: string[]) => WebSocketLike;
  random?: () => number;
  requestTimeoutMs?: number;
}

/** A message or DM before the socket gives it its client id and ref. */
type SendFrame = Omit<MessageRequest, "client_id" | "ref"> | Omit<DirectMessageRequest, "client_id" | "ref">;
type Ack = ServerEventOf<"ack">;

interface Waiting {
  resolve: (event: ServerEvent) => void;
  reject: (error: RequestFailed) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface PendingSend {
  frame: SendFrame & { client_id: string };
  resolve: (ack: Ack) => void;
  reject: (error: RequestFailed) => void;
  retryTimer?: ReturnType<typeof setTimeout>;
}

const OPEN = 1;
/** Full-jitter exponential backoff: spreads a reconnect storm after a server restart. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;
/** A send without an answer for this long is sent again (same client id, so never twice stored). */
const RESEND_AFTER_MS = 10_000;
/** Errors after which a send is worth retrying as it is. */
const RETRYABLE = new Set(["unavailable", "rate_limited"]);

/**
 * The chat connection: connects with the token in the subprotocol, reconnects with backoff and
 * jitter, resumes from the last message id it saw (so nothing is missed or repeated), and resends
 * unacknowledged messages under their client id until the server acknowledges them.
 */
export class ChatSocket {
  private readonly options: Required<Omit<ChatSocketOptions, "createSocket">> & Pick<ChatSocketOptions, "createSocket">;
  private socket: WebSocketLike | null = null;
  private cursor = 0;
  private attempt = 0;
  private refs = 0;
  private stopped = true;
  private freshTokenNeeded = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly waiting = new Map<string, Waiting>();
  private readonly pending = new Map<string, PendingSend>();

  constructor(options: ChatSocketOptions) {
    this.options = { random: Math.random, requestTimeoutMs: 15_000, ...options };
  }

  /** The largest message id received: where a reconnect resumes from. */
  get lastSeenId(): number {
    return this.cursor;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, "bye");
    this.socket = null;
    this.failWaiting("disconnected");
    this.options.onStatus("stopped");
  }

  /** Sends a request and resolves with its answer; an `error` answer rejects with its code. */
  request<T extends ServerEvent = ServerEvent>(frame: Request): Promise<T> {
    const ref = `q${++this.refs}`;
    return new Promise<T>((resolve, reject) => {
      if (!this.isOpen()) {
        reject(new RequestFailed("disconnected", "not connected"));
        return;
      }
      const timer = setTimeout(() => {
        this.waiting.delete(ref);
        reject(new RequestFailed("timeout", "the server did not answer in time"));
      }, this.options.requestTimeoutMs);
      this.waiting.set(ref, { resolve: resolve as (event: ServerEvent) => void, reject, timer });
      this.transmit({ ...frame, ref });
    });
  }

  /**
   * Sends a message or DM under a client id. It survives disconnects: it is resent after every
   * reconnect until acknowledged, and the promise settles only with the ack or a final refusal.
   */
  send(frame: SendFrame, clientId: string): Promise<Ack> {
    return new Promise<Ack>((resolve, reject) => {
      const pending: PendingSend = { frame: { ...frame, client_id: clientId }, resolve, reject };
      this.pending.set(clientId, pending);
      this.transmitPending(pending);
    });
  }

  /** Typing notices are best effort: dropped when not connected. */
  typing(target: { room: string } | { to: string }): void {
    if (this.isOpen()) this.transmit({ type: "typing", ...target });
  }

  /** Hands the server a renewed token for the open connection. */
  renew(token: string): Promise<ServerEventOf<"authenticated">> {
    return this.request({ type: "auth", token });
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN;
  }

  private async connect(): Promise<void> {
    this.options.onStatus(this.attempt === 0 ? "connecting" : "reconnecting");
    let token: string;
    try {
      token = await this.options.token(this.freshTokenNeeded);
      this.freshTokenNeeded = false;
    } catch (error) {
      this.scheduleReconnect(`cannot get a token: ${String(error)}`);
      return;
    }
    if (this.stopped) return;
    const url = `${this.options.url()}?after=${this.cursor}`;
    const create =
      this.options.createSocket ?? ((u: string, p: string[]) => new WebSocket(u, p) as unknown as WebSocketLike);
    const socket = create(url, [...SUBPROTOCOLS, `bearer.${token}`]);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      this.attempt = 0;
      this.options.onStatus("online");
      for (const pending of this.pending.values()) this.transmitPending(pending);
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket || typeof message.data !== "string") return;
      for (const event of eventsOfFrame(message.data, socket.protocol)) {
        // The socket may have been replaced by an event of this very frame (a stop, a reconnect).
        if (this.socket !== socket) return;
        this.receive(event as ServerEvent);
      }
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failWaiting("disconnected");
      if (this.stopped) return;
      // A refused handshake looks like any failed connection to a browser (no status is visible):
      // after a failure before opening, try a fresh token too. A restarted dev-login server, or a
      // token that expired while offline, would otherwise be retried forever.
      if (close.code === CloseCode.tokenExpired || !opened) this.freshTokenNeeded = true;
      this.scheduleReconnect(close.reason || `connection closed (${close.code})`);
    };
    socket.onerror = () => {
      // onclose follows and decides what to do
    };
  }

  private scheduleReconnect(detail: string): void {
    if (this.stopped) return;
    this.options.onStatus("reconnecting", detail);
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt++;
    const delay = Math.floor(this.options.random() * ceiling);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private receive(event: ServerEvent): void {
    if (
      event.type === "message" ||
      event.type === "dm" ||
      event.type === "message_edited" ||
      event.type === "message_deleted"
    ) {
      // Message events (edits and deletions included) reach one connection in increasing id order,
      // so anything at or below the cursor has been seen already (a replay overlapping what arrived
      // before a reconnect).
      if (event.id <= this.cursor) return;
      this.cursor = event.id;
    } else if (event.type === "resumed") {
      this.cursor = Math.max(this.cursor, event.cursor);
    } else if (event.type === "ack" && event.client_id && this.pending.has(event.client_id)) {
      const pending = this.pending.get(event.client_id)!;
      this.pending.delete(event.client_id);
      if (pending.retryTimer) clearTimeout(pending.retryTimer);
      pending.resolve(event);
    } else if (event.type === "error" && event.ref && this.pending.has(event.ref)) {
      this.sendFailed(this.pending.get(event.ref)!, event.code, event.message);
    }
    if ("ref" in event && event.ref && this.waiting.has(event.ref)) {
      const waiting = this.waiting.get(event.ref)!;
      this.waiting.delete(event.ref);
      clearTimeout(waiting.timer);
      if (event.type === "error") waiting.reject(new RequestFailed(event.code, event.message));
      else waiting.resolve(event);
    }
    this.options.onEvent(event);
  }

  private sendFailed(pending: PendingSend, code: ServerEventOf<"error">["code"], message: string): void {
    if (RETRYABLE.has(code)) {
      this.scheduleResend(pending, code === "rate_limited" ? 1_500 : 2_000);
      return;
    }
    this.pending.delete(pending.frame.client_id);
    if (pending.retryTimer) clearTimeout(pending.retryTimer);
    pending.reject(new RequestFailed(code, message));
  }

  private transmitPending(pending: PendingSend): void {
    if (!this.isOpen()) return; // sent on the next open
    // The client id doubles as the ref, so an error can be matched to its send.
    this.transmit({ ...pending.frame, ref: pending.frame.client_id });
    this.scheduleResend(pending, RESEND_AFTER_MS);
  }

  private scheduleResend(pending: PendingSend, delay: number): void {
    if (pending.retryTimer) clearTimeout(pending.retryTimer);
    pending.retryTimer = setTimeout(() => {
      if (this.pending.has(pending.frame.client_id)) this.transmitPending(pending);
    }, delay);
  }

  private transmit(frame: ClientFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private failWaiting(code: "disconnected"): void {
    for (const [ref, waiting] of this.waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(new RequestFailed(code, "the connection was lost"));
      this.waiting.delete(ref);
    }
  }
}
