import { useEffect, useRef, useState } from "react";
import { Pencil, Reply, SmilePlus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { ErrorText } from "@/components/ui/error-text";
import { cn } from "@/lib/class-names";
import { RequestFailed } from "@/socket/protocol";
import type { ChatMessage } from "./model";
import { EmojiPopover } from "./emoji-popover";

/** What one can do with a stored message: react, reply, follow a quote; and, to one's own, edit and delete. */
export interface MessageHandlers {
  edit(id: number, content: string): Promise<void>;
  remove(id: number): Promise<void>;
  react(id: number, emoji: string): Promise<void>;
  unreact(id: number, emoji: string): Promise<void>;
  reply(message: ChatMessage & { id: number }): void;
  /** Shows the message with this id (loading history around it when needed). */
  show(id: number): void;
}

const failureText = (failure: unknown) => (failure instanceof RequestFailed ? failure.message : String(failure));

/** React and reply to any message, edit and delete one's own: shown over the message on hover or keyboard focus. */
export function MessageActions({
  onReact,
  onReply,
  onEdit,
  onDelete,
}: {
  onReact: (emoji: string) => void;
  onReply: () => void;
  /** Only for one's own messages. */
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  const [picking, setPicking] = useState(false);
  return (
    // Invisible until hovered, but always in the tab order: a keyboard reaches them and they show on focus.
    <div
      className={cn(
        "absolute -top-3 right-4 flex gap-0.5 rounded-md border bg-background p-0.5 opacity-0 shadow-sm focus-within:opacity-100 group-hover:opacity-100",
        picking && "opacity-100",
      )}
    >
      <EmojiPopover
        onPick={onReact}
        onOpenChange={setPicking}
        trigger={
          <Button variant="ghost" size="icon-sm" aria-label="Add a reaction" title="React">
            <SmilePlus />
          </Button>
        }
      />
      <Button variant="ghost" size="icon-sm" aria-label="Reply" title="Reply" onClick={onReply}>
        <Reply />
      </Button>
      {onEdit && (
        <Button variant="ghost" size="icon-sm" aria-label="Edit message" title="Edit" onClick={onEdit}>
          <Pencil />
        </Button>
      )}
      {onDelete && (
        <Button variant="ghost" size="icon-sm" aria-label="Delete message" title="Delete" onClick={onDelete}>
          <Trash2 />
        </Button>
      )}
    </div>
  );
}

/** The message's text in place, editable: Enter saves, Shift+Enter starts a new line, Escape cancels. */
export function EditBox({
  content,
  onSave,
  onDone,
}: {
  content: string;
  onSave: (content: string) => Promise<void>;
  onDone: () => void;
}) {
  const [text, setText] = useState(content);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  function save() {
    if (text === content) {
      onDone();
      return;
    }
    if (text.trim() === "") {
      setError("A message needs some text: delete it instead.");
      return;
    }
    setSaving(true);
    onSave(text).then(onDone, (failure: unknown) => {
      setSaving(false);
      setError(failureText(failure));
    });
  }

  return (
    <div className="mt-1 space-y-1">
      <textarea
        ref={field}
        aria-label="Edit message"
        className="block w-full resize-none rounded-md border bg-background px-3 py-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        rows={Math.min(8, text.split("\n").length + 1)}
        value={text}
        disabled={saving}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onDone();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            save();
          }
        }}
      />
      <div className="flex items-center gap-2 text-xs text-muted-foreground">
        <Button size="sm" onClick={save} disabled={saving}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone} disabled={saving}>
          Cancel
        </Button>
        <span>Enter to save, Escape to cancel</span>
      </div>
      <ErrorText error={error} />
    </div>
  );
}

/** Asks before deleting: a deletion cannot be undone and removes the text for everyone. */
export function DeleteMessageDialog({
  open,
  onOpenChange,
  onDelete,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDelete: () => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete this message?</DialogTitle>
          <DialogDescription>It is removed for everyone in the conversation. This cannot be undone.</DialogDescription>
        </DialogHeader>
        <ErrorText error={error} />
        <DialogFooter>
          <Button
            variant="outline"
            onClick={() => {
              onOpenChange(false);
            }}
          >
            Cancel
          </Button>
          <Button
            variant="destructive"
            disabled={deleting}
            onClick={() => {
              setDeleting(true);
              onDelete().then(
                () => {
                  setDeleting(false);
                  onOpenChange(false);
                },
                (failure: unknown) => {
                  setDeleting(false);
                  setError(failureText(failure));
                },
              );
            }}
          >
            Delete
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
