import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { CornerUpLeft, SendHorizontal, Smile, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/class-names";
import type { QuotedMessage } from "./model";
import { EmojiPopover } from "./emoji-popover";
import { loadShortcodes, searchShortcodes, shortcodeAtCaret, withEmoji } from "./shortcodes";
import { EVERYONE, mentionAtCaret } from "./mentions";

/** Someone the composer can mention. */
export interface Mentionable {
  id: string;
  name: string;
}

/** A completion offered under the caret: an emoji for a :shortcode, a person or everyone for an @handle. */
interface Suggestion {
  key: string;
  /** What replaces the partial word typed. */
  insert: string;
  primary: string;
  secondary: string;
}

export const MAX_CONTENT = 4000;

interface ComposerProps {
  placeholder: string;
  onSend: (content: string) => void;
  onTyping: () => void;
  /** Drafts are kept per conversation while switching between them. */
  draftKey: string;
  /** The message the next one answers, with its author's name. */
  replyingTo?: QuotedMessage & { name: string };
  onCancelReply?: () => void;
  /** The people an @ can complete to, for what was typed after it. */
  findPeople?: (query: string) => Promise<Mentionable[]>;
  /** In a room: @room and @here are offered too. */
  canMentionEveryone?: boolean;
}

const drafts = new Map<string, string>();

export function Composer({
  placeholder,
  onSend,
  onTyping,
  draftKey,
  replyingTo,
  onCancelReply,
  findPeople,
  canMentionEveryone = false,
}: ComposerProps) {
  const [text, setText] = useState(() => drafts.get(draftKey) ?? "");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [suggesting, setSuggesting] = useState<"Emoji suggestions" | "People to mention">("Emoji suggestions");
  // Answers to an earlier keystroke arrive late: only the latest may show.
  const asked = useRef(0);
  const [selected, setSelected] = useState(0);
  const [shownDraft, setShownDraft] = useState(draftKey);
  const area = useRef<HTMLTextAreaElement>(null);

  // Another conversation: show its draft at once, in this render (React's "adjust state while
  // rendering" pattern), rather than one render late from an effect.
  if (shownDraft !== draftKey) {
    setShownDraft(draftKey);
    setText(drafts.get(draftKey) ?? "");
    setSuggestions([]);
  }

  useEffect(() => {
    area.current?.focus();
  }, [draftKey, replyingTo?.id]);

  useEffect(() => {
    void loadShortcodes(); // so that a :shortcode: typed in full is known by the time it is sent
  }, []);

  useEffect(() => {
    drafts.set(draftKey, text);
    const element = area.current;
    if (element) {
      element.style.height = "auto";
      element.style.height = `${Math.min(element.scrollHeight, 200)}px`;
    }
  }, [text, draftKey]);

  // Characters as the server counts them: code points, so an emoji is one.
  const length = text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length;
  const sendable = text.trim().length > 0 && length <= MAX_CONTENT;

  function send() {
    if (!sendable) return;
    onSend(withEmoji(text));
    setText("");
    setSuggestions([]);
  }

  function insertAtCaret(value: string, replaceFrom?: number) {
    const element = area.current;
    const caret = element?.selectionStart ?? text.length;
    const start = replaceFrom ?? caret;
    const next = text.slice(0, start) + value + text.slice(caret);
    setText(next);
    setSuggestions([]);
    caretAfterRender.current = start + value.length;
  }

  // The caret goes after what was inserted as soon as the text is in the field, before the next
  // keystroke: a later frame would move it back behind letters already typed after the insert.
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = area.current;
    const caret = caretAfterRender.current;
    if (element === null || caret === null) return;
    caretAfterRender.current = null;
    element.focus();
    element.setSelectionRange(caret, caret);
  }, [text]);

  async function updateSuggestions(value: string, caret: number) {
    const question = ++asked.current;
    let found: Suggestion[] = [];
    const shortcode = shortcodeAtCaret(value, caret);
    const mention = shortcode ? null : mentionAtCaret(value, caret);
    if (shortcode) {
      found = searchShortcodes(await loadShortcodes(), shortcode.query).map((match) => ({
        key: match.shortcode,
        insert: `${match.emoji} `,
        primary: match.emoji,
        secondary: `:${match.shortcode}:`,
      }));
    } else if (mention) {
      const query = mention.query.toLowerCase();
      const everyone = canMentionEveryone
        ? EVERYONE.filter((handle) => handle.startsWith(query)).map((handle) => ({
            key: `@${handle}`,
            insert: `@${handle} `,
            primary: `@${handle}`,
            secondary: handle === "room" ? "everyone in the room" : "everyone online in the room",
          }))
        : [];
      const people = findPeople ? await findPeople(mention.query).catch(() => []) : [];
      found = [
        ...everyone,
        ...people.slice(0, 6).map((person) => ({
          key: person.id,
          insert: `@${person.id} `,
          primary: person.name,
          secondary: `@${person.id}`,
        })),
      ];
    }
    if (question !== asked.current) return;
    setSuggesting(mention ? "People to mention" : "Emoji suggestions");
    setSuggestions(found);
    setSelected(0);
  }

  function acceptSuggestion(suggestion: Suggestion) {
    const caret = area.current?.selectionStart ?? text.length;
    const partial = shortcodeAtCaret(text, caret) ?? mentionAtCaret(text, caret);
    if (partial) insertAtCaret(suggestion.insert, partial.start);
  }

  return (
    <div className="relative border-t bg-background px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3">
      {suggestions.length > 0 && (
        <ul
          role="listbox"
          aria-label={suggesting}
          className="absolute bottom-full left-3 mb-1 w-64 overflow-hidden rounded-md border bg-popover py-1 shadow-md"
        >
          {suggestions.map((suggestion, index) => (
            <li key={suggestion.key} role="option" aria-selected={index === selected}>
              <button
                type="button"
                className={cn(
                  "flex w-full items-center gap-2 px-3 py-1 text-left text-sm",
                  index === selected && "bg-accent",
                )}
                onMouseDown={(event) => {
                  event.preventDefault();
                  acceptSuggestion(suggestion);
                }}
              >
                <span className="truncate text-base leading-none">{suggestion.primary}</span>
                <span className="truncate text-muted-foreground">{suggestion.secondary}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {replyingTo && (
        <div
          className="mb-1.5 flex items-center gap-2 rounded-md border-l-2 border-primary bg-muted/60 px-2 py-1 text-xs"
          aria-live="polite"
        >
          <CornerUpLeft className="size-3 shrink-0 text-muted-foreground" />
          <span className="min-w-0 flex-1 truncate">
            Replying to <span className="font-semibold">{replyingTo.name}</span>
            <span className="text-muted-foreground">: {replyingTo.excerpt}</span>
          </span>
          <Button variant="ghost" size="icon-sm" className="size-6" aria-label="Cancel reply" onClick={onCancelReply}>
            <X className="size-3.5" />
          </Button>
        </div>
      )}
      <div className="flex items-end gap-2 rounded-lg border bg-background p-1.5 focus-within:ring-2 focus-within:ring-ring">
        <textarea
          ref={area}
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={placeholder}
          className="max-h-[200px] min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-sm outline-none placeholder:text-muted-foreground"
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim()) onTyping();
            void updateSuggestions(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={(event) => {
            if (suggestions.length > 0) {
              if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                const step = event.key === "ArrowDown" ? 1 : -1;
                setSelected((index) => (index + step + suggestions.length) % suggestions.length);
                return;
              }
              if (event.key === "Enter" || event.key === "Tab") {
                event.preventDefault();
                acceptSuggestion(suggestions[selected]!);
                return;
              }
              if (event.key === "Escape") {
                setSuggestions([]);
                return;
              }
            }
            if (event.key === "Escape" && replyingTo) {
              event.preventDefault();
              onCancelReply?.();
              return;
            }
            // Enter sends, Shift+Enter starts a new line; never while an input method is composing.
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        <EmojiPopover
          onPick={insertAtCaret}
          trigger={
            <Button type="button" variant="ghost" size="icon" aria-label="Insert emoji">
              <Smile />
            </Button>
          }
        />
        <Button type="button" size="icon" aria-label="Send" disabled={!sendable} onClick={send}>
          <SendHorizontal />
        </Button>
      </div>
      <div className="flex justify-between px-1 pt-1 text-[11px] text-muted-foreground">
        <span className="hidden sm:inline">
          <kbd>Enter</kbd> to send, <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line, <kbd>:</kbd> for emoji,{" "}
          <kbd>@</kbd> to mention
        </span>
        {length > MAX_CONTENT - 500 && (
          <span className={cn(length > MAX_CONTENT && "text-destructive")}>
            {length}/{MAX_CONTENT}
          </span>
        )}
      </div>
    </div>
  );
}
