import { useEffect, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { useChatStore } from "@/chatStore";
import { FoundMessage } from "./found-message";
import type { ChatClient } from "@/chat-client";
import { type ConversationKey, roomKey } from "@/messages/model";
import { renderMarkdown } from "@/messages/markdown";
import { RequestFailed, type ServerEventOf } from "@/socket/protocol";

type Mention = ServerEventOf<"mentions">["messages"][number];

/** The latest messages of one's rooms that mention one, newest first; choosing one opens it in its room. */
export function MentionsDialog({
  client,
  open,
  onOpenChange,
  onChosen,
}: {
  client: ChatClient;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChosen: (key: ConversationKey, id: number) => void;
}) {
  const me = useChatStore((state) => state.me);
  const users = useChatStore((state) => state.users);
  const [page, setPage] = useState<{ messages: Mention[]; nextBefore?: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const show = (before: number | undefined) =>
    client.mentions(before).then(
      (answer) => {
        setPage((shown) => ({
          messages: before === undefined ? answer.messages : [...(shown?.messages ?? []), ...answer.messages],
          nextBefore: answer.next_before,
        }));
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        setError(failure instanceof RequestFailed ? failure.message : String(failure));
        setLoading(false);
      },
    );

  // Fresh each time the dialog opens: mentions arrive all the time.
  useEffect(() => {
    if (open) void show(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Mentions</DialogTitle>
          <DialogDescription>Messages in your rooms that mention you or @room, newest first.</DialogDescription>
        </DialogHeader>
        <ErrorText error={error} />
        <ul className="max-h-96 space-y-1 overflow-y-auto" aria-label="Mentions of you" aria-busy={loading}>
          {page?.messages.map((message) => (
            <li key={message.id}>
              <FoundMessage
                author={message.from === me?.id ? me.name : message.from_name}
                where={`#${message.room}`}
                timestamp={message.timestamp}
                onChoose={() => {
                  onChosen(roomKey(message.room), message.id);
                  onOpenChange(false);
                }}
              >
                <span
                  className="message-body line-clamp-3 text-sm"
                  dangerouslySetInnerHTML={{
                    __html: renderMarkdown(message.content ?? "", {
                      nameOf: (handle) => (handle === me?.id ? me.name : users[handle]?.name),
                      me: me?.id,
                    }),
                  }}
                />
              </FoundMessage>
            </li>
          ))}
          {page && page.messages.length === 0 && !loading && (
            <li className="px-2 py-1 text-sm text-muted-foreground">Nobody has mentioned you yet.</li>
          )}
        </ul>
        {page?.nextBefore !== undefined && (
          <Button
            variant="outline"
            size="sm"
            disabled={loading}
            onClick={() => {
              setLoading(true);
              void show(page.nextBefore);
            }}
          >
            Older mentions
          </Button>
        )}
      </DialogContent>
    </Dialog>
  );
}
