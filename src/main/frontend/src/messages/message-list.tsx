import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertCircle, ArrowDown, Clock, CornerUpLeft, RotateCw } from "lucide-react";
import { useChatStore } from "@/chatStore";
import type { ChatMessage, QuotedMessage } from "./model";
import { renderMarkdown } from "./markdown";
import { handlesIn } from "./mentions";
import { useShown } from "@/people/use-shown";
import { Avatar } from "@/components/ui/avatar";
import { namesharers, PersonName } from "@/people/person-card";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/class-names";
import { DeleteMessageDialog, EditBox, MessageActions, type MessageHandlers } from "./message-changes";
import { ReactionBar } from "./reactions";

/** Messages from one author within this long of each other form one group under one header. */
const GROUP_WITHIN_MS = 5 * 60_000;
/** Closer than this to the top, the next older page is fetched. */
const LOAD_OLDER_WITHIN_PX = 400;
/** Closer than this to the bottom counts as "at the bottom": new messages are followed. */
const AT_BOTTOM_WITHIN_PX = 80;

interface Row {
  key: string;
  message: ChatMessage;
  day: string | null;
  grouped: boolean;
  /** The first message one had not read when opening the conversation: the "new messages" line goes above it. */
  firstNew: boolean;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function rowsOf(messages: ChatMessage[], newAfter: number | null = null, me?: string): Row[] {
  const firstNew =
    newAfter === null
      ? -1
      : messages.findIndex((m) => m.id !== undefined && m.id > newAfter && m.from !== me && !m.deleted);
  return messages.map((message, index) => {
    const previous = messages[index - 1];
    const date = new Date(message.timestamp);
    const day = dayFormat.format(date);
    const newDay = !previous || dayFormat.format(new Date(previous.timestamp)) !== day;
    const grouped =
      !!previous &&
      !newDay &&
      previous.from === message.from &&
      date.getTime() - new Date(previous.timestamp).getTime() < GROUP_WITHIN_MS;
    return {
      key: message.id !== undefined ? `id:${message.id}` : `c:${message.clientId}`,
      message,
      day: newDay ? day : null,
      grouped: grouped && index !== firstNew,
      firstNew: index === firstNew,
    };
  });
}

/** The message a reply answers, above the reply: following it shows the original. */
function Quote({ quote, name, onShow }: { quote: QuotedMessage; name: string; onShow?: () => void }) {
  const text = quote.deleted ? "Original message deleted" : quote.excerpt;
  return (
    <button
      type="button"
      className="mb-0.5 flex max-w-full items-center gap-1.5 rounded-sm border-l-2 border-muted-foreground/40 pl-2 text-left text-xs text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      disabled={!onShow}
      onClick={onShow}
    >
      {/* Named by what it shows, between words for screen readers: "Replying to Alice …, show the original". */}
      <CornerUpLeft className="size-3 shrink-0" />
      <span className="sr-only">Replying to </span>
      <span className="shrink-0 font-semibold">{name}</span>
      <span className={cn("truncate", quote.deleted && "italic")}> {text}</span>
      <span className="sr-only">, show the original message</span>
    </button>
  );
}

const MessageRow = memo(function MessageRow({
  row,
  authorName,
  authorTwin,
  me,
  nameOf,
  highlighted,
  onRetry,
  handlers,
}: {
  row: Row;
  authorName: string;
  /** Someone else in the conversation shows by the same name. */
  authorTwin: boolean;
  me?: string;
  nameOf: (id: string) => string;
  highlighted: boolean;
  onRetry: (clientId: string) => void;
  handlers?: MessageHandlers;
}) {
  const { message } = row;
  // The names of the people the message mentions, as one string: it changes when one of them becomes
  // known, not with every presence change.
  const handles = useMemo(() => handlesIn(message.content), [message.content]);
  const mentionedNames = useChatStore((state) =>
    handles.map((handle) => (handle === me ? state.me?.name : state.users[handle]?.name) ?? "").join("\n"),
  );
  const html = useMemo(() => {
    const names = mentionedNames.split("\n");
    return renderMarkdown(message.content, {
      nameOf: (handle) => names[handles.indexOf(handle.toLowerCase())] || undefined,
      me,
    });
  }, [message.content, handles, mentionedNames, me]);
  const time = timeFormat.format(new Date(message.timestamp));
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const id = message.id;
  const mine = message.from === me;
  // A stored message that is still there can be reacted and replied to; one's own also changed.
  const actionable = handlers !== undefined && id !== undefined && !message.deleted;
  const changeable = mine && actionable;
  return (
    <div>
      {row.firstNew && (
        <div className="relative my-2 flex items-center justify-end px-4" role="separator" aria-label="New messages">
          <span className="absolute inset-x-4 top-1/2 border-t border-destructive/60" />
          <span className="relative bg-background pl-2 text-xs font-semibold text-destructive">New messages</span>
        </div>
      )}
      {row.day && (
        <div className="relative my-3 flex items-center justify-center" role="separator" aria-label={row.day}>
          <span className="absolute inset-x-0 top-1/2 border-t" />
          <span className="relative rounded-full border bg-background px-3 py-0.5 text-xs font-medium text-muted-foreground">
            {row.day}
          </span>
        </div>
      )}
      <article
        className={cn(
          "group relative flex gap-3 px-4 transition-[background-color] duration-700 hover:bg-muted/50",
          row.grouped ? "py-0.5" : "pt-2 pb-0.5",
          message.state === "pending" && "opacity-60",
          highlighted && "bg-primary/10 hover:bg-primary/10",
        )}
        aria-label={`${authorName} at ${time}`}
        data-message-id={message.id}
      >
        <div className="w-10 shrink-0">
          {row.grouped ? (
            <time
              className="invisible block whitespace-nowrap pt-1 text-right text-[10px] leading-none text-muted-foreground group-hover:visible"
              dateTime={message.timestamp}
            >
              {time}
            </time>
          ) : (
            <Avatar id={message.from} name={authorName} />
          )}
        </div>
        <div className="min-w-0 flex-1">
          {!row.grouped && (
            <header className="flex items-baseline gap-2">
              <PersonName id={message.from} name={authorName} twin={authorTwin} />
              <time className="text-xs text-muted-foreground" dateTime={message.timestamp}>
                {time}
              </time>
            </header>
          )}
          {message.replyTo && !message.deleted && (
            <Quote
              quote={message.replyTo}
              name={nameOf(message.replyTo.from)}
              onShow={
                handlers
                  ? () => {
                      handlers.show(message.replyTo!.id);
                    }
                  : undefined
              }
            />
          )}
          {message.deleted ? (
            <p className="text-sm italic text-muted-foreground">This message was deleted.</p>
          ) : editing && changeable ? (
            <EditBox
              content={message.content}
              onSave={(content) => handlers.edit(id, content)}
              onDone={() => {
                setEditing(false);
              }}
            />
          ) : (
            <div className="message-body text-sm" dangerouslySetInnerHTML={{ __html: html }} />
          )}
          {message.editedAt && !message.deleted && !editing && (
            <span
              className="text-[11px] text-muted-foreground"
              title={`Edited ${dayFormat.format(new Date(message.editedAt))} ${timeFormat.format(new Date(message.editedAt))}`}
            >
              (edited)
            </span>
          )}
          {message.reactions && !message.deleted && (
            <ReactionBar
              reactions={message.reactions}
              nameOf={nameOf}
              me={me}
              onToggle={(reaction) => {
                if (actionable)
                  void (reaction.mine ? handlers.unreact(id, reaction.emoji) : handlers.react(id, reaction.emoji));
              }}
              onAdd={actionable ? (emoji) => void handlers.react(id, emoji) : undefined}
            />
          )}
          {message.state === "pending" && (
            <p className="flex items-center gap-1 text-xs text-muted-foreground">
              <Clock className="size-3" /> Sending…
            </p>
          )}
          {message.state === "failed" && (
            <p className="flex items-center gap-2 text-xs text-destructive" role="alert">
              <AlertCircle className="size-3" /> Not sent{message.error ? `: ${message.error}` : ""}
              <Button
                variant="link"
                size="sm"
                className="h-auto p-0 text-xs"
                onClick={() => {
                  onRetry(message.clientId!);
                }}
              >
                <RotateCw className="size-3" /> Retry
              </Button>
            </p>
          )}
        </div>
        {actionable && !editing && (
          <MessageActions
            onReact={(emoji) => {
              const already = message.reactions?.some((r) => r.emoji === emoji && r.mine);
              if (!already) void handlers.react(id, emoji);
            }}
            onReply={() => {
              handlers.reply({ ...message, id });
            }}
            onEdit={
              changeable
                ? () => {
                    setEditing(true);
                  }
                : undefined
            }
            onDelete={
              changeable
                ? () => {
                    setConfirmingDelete(true);
                  }
                : undefined
            }
          />
        )}
      </article>
      {changeable && (
        <DeleteMessageDialog
          open={confirmingDelete}
          onOpenChange={setConfirmingDelete}
          onDelete={() => handlers.remove(id)}
        />
      )}
    </div>
  );
});

interface MessageListProps {
  messages: ChatMessage[];
  loaded: boolean;
  loadingOlder: boolean;
  reachedStart: boolean;
  onLoadOlder: () => void;
  onRetry: (clientId: string) => void;
  /** Reacting, replying, following quotes; editing and deleting one's own messages. */
  handlers?: MessageHandlers;
  /** Messages after this id (of others) are new: a line marks where they start. */
  newAfter?: number | null;
  emptyText: string;
  /** Older messages around a jump are shown, not the latest. */
  detached?: boolean;
  onBackToLatest?: () => void;
  /** A message to bring into view and highlight. */
  jumpTarget?: number | null;
  onJumpDone?: () => void;
}

/** Whose names and presence a conversation asks for: the authors of this many of its latest messages. */
const RECENT_AUTHORS_FROM = 200;

/** How long a message one jumped to stays highlighted. */
const HIGHLIGHT_MS = 2_000;

/**
 * The conversation, virtualised so that ten thousand loaded messages scroll as smoothly as ten.
 * It follows new messages while the reader is at the bottom; otherwise a pill offers to jump
 * down. Loading older pages keeps the message under the reader's eyes where it was.
 */
export function MessageList({
  messages,
  loaded,
  loadingOlder,
  reachedStart,
  onLoadOlder,
  onRetry,
  handlers,
  newAfter = null,
  emptyText,
  detached = false,
  onBackToLatest,
  jumpTarget = null,
  onJumpDone,
}: MessageListProps) {
  const users = useChatStore((state) => state.users);
  const me = useChatStore((state) => state.me);
  const rows = useMemo(() => rowsOf(messages, newAfter, me?.id), [messages, newAfter, me?.id]);
  // The authors of the latest messages are watched: their names and presence come with the answer,
  // so that someone one has never listed shows by name rather than by id.
  const authors = useMemo(
    () =>
      [...new Set(messages.slice(-RECENT_AUTHORS_FROM).map((message) => message.from))]
        .filter((id) => id !== me?.id)
        .sort(),
    [messages, me?.id],
  );
  useShown(authors);
  const setAtBottom = useCallback((at: boolean) => {
    useChatStore.getState().setAtBottom(at);
  }, []);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [unseenBelow, setUnseenBelow] = useState(false);
  const anchor = useRef<{ key: string; offset: number } | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.grouped ? 26 : 56) + (rows[index]?.day ? 40 : 0),
    getItemKey: (index) => rows[index]!.key,
    overscan: 10,
  });

  const nameOf = useCallback((id: string) => (id === me?.id ? me.name : (users[id]?.name ?? id)), [users, me]);
  // Everyone who wrote here, oneself included: two of them with one visible name are told apart.
  const twins = useMemo(
    () =>
      namesharers(
        [...new Set([...messages.map((message) => message.from), ...(me ? [me.id] : [])])].map((id) => ({
          id,
          name: nameOf(id),
        })),
      ),
    [messages, me, nameOf],
  );

  const scrollToBottom = useCallback(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
    setUnseenBelow(false);
    setAtBottom(true);
  }, [rows.length, virtualizer, setAtBottom]);

  // Keeps the reader's place when older messages are added above, and follows new ones below.
  const lastKey = rows[rows.length - 1]?.key;
  const firstKey = rows[0]?.key;
  useLayoutEffect(() => {
    const saved = anchor.current;
    if (saved) {
      const index = rows.findIndex((row) => row.key === saved.key);
      if (index > 0) {
        const [start] = virtualizer.getOffsetForIndex(index, "start") ?? [0];
        virtualizer.scrollToOffset(start - saved.offset);
      }
      anchor.current = null;
      return;
    }
    if (atBottom.current) scrollToBottom();
    else if (rows.length > 0) setUnseenBelow(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastKey, firstKey]);

  // Brings the message jumped to into the middle of the view and highlights it for a moment.
  const [highlighted, setHighlighted] = useState<number | null>(null);
  useEffect(() => {
    if (jumpTarget === null) return;
    const index = rows.findIndex((row) => row.message.id !== undefined && row.message.id >= jumpTarget);
    if (index < 0) return;
    atBottom.current = false;
    virtualizer.scrollToIndex(index, { align: "center" });
    setHighlighted(rows[index]!.message.id ?? null);
    onJumpDone?.();
    const timer = window.setTimeout(() => {
      setHighlighted(null);
    }, HIGHLIGHT_MS);
    return () => {
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jumpTarget, rows.length]);

  // Until the first page is shown at its bottom, the list sits at its top: that is no reader
  // scrolling up, and must not fetch an older page.
  const settled = useRef(false);
  useEffect(() => {
    settled.current = false;
    if (loaded) {
      atBottom.current = true;
      requestAnimationFrame(() => {
        scrollToBottom();
        settled.current = true;
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < AT_BOTTOM_WITHIN_PX;
    setAtBottom(atBottom.current);
    if (atBottom.current) setUnseenBelow(false);
    if (
      element.scrollTop < LOAD_OLDER_WITHIN_PX &&
      loaded &&
      settled.current &&
      !loadingOlder &&
      !reachedStart &&
      rows.length > 0
    ) {
      const first = virtualizer.getVirtualItems()[0];
      const top = virtualizer.getVirtualItems().find((item) => item.end > element.scrollTop) ?? first;
      if (top) anchor.current = { key: String(top.key), offset: top.start - element.scrollTop };
      onLoadOlder();
    }
  }

  return (
    <div className="relative min-h-0 flex-1">
      {loadingOlder && (
        <p className="absolute inset-x-0 top-2 z-10 mx-auto w-fit rounded-full border bg-background px-3 py-1 text-xs text-muted-foreground shadow-sm">
          Loading older messages…
        </p>
      )}
      <div
        ref={scroller}
        onScroll={onScroll}
        className="h-full overflow-y-auto overscroll-contain"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
      >
        {loaded && rows.length === 0 && (
          <p className="px-4 py-10 text-center text-sm text-muted-foreground">{emptyText}</p>
        )}
        {!loaded && <p className="px-4 py-10 text-center text-sm text-muted-foreground">Loading…</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{
                  position: "absolute",
                  top: 0,
                  left: 0,
                  width: "100%",
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {item.index === 0 && reachedStart && (
                  <p className="px-4 pb-2 pt-6 text-center text-xs text-muted-foreground">
                    This is the very beginning of the conversation.
                  </p>
                )}
                <MessageRow
                  row={row}
                  authorName={nameOf(row.message.from)}
                  authorTwin={twins.has(row.message.from)}
                  me={me?.id}
                  nameOf={nameOf}
                  highlighted={highlighted !== null && row.message.id === highlighted}
                  onRetry={onRetry}
                  handlers={handlers}
                />
              </div>
            );
          })}
        </div>
        <div className="h-2" />
      </div>
      {detached ? (
        <Button
          size="sm"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
          onClick={onBackToLatest}
        >
          <ArrowDown /> Jump to latest messages
        </Button>
      ) : (
        unseenBelow && (
          <Button
            size="sm"
            className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
            onClick={scrollToBottom}
          >
            <ArrowDown /> New messages
          </Button>
        )
      )}
    </div>
  );
}
