import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Avatar } from "@/components/ui/avatar";
import { ErrorText } from "@/components/ui/error-text";
import { useChatStore } from "@/chatStore";
import type { ChatClient } from "@/chat-client";
import type { UserListing } from "@/socket/protocol";
import { useAction } from "@/lib/use-action";
import { useShown } from "@/people/use-shown";
import { presenceWord } from "@/people/person-card";

interface Members {
  room: string;
  members: UserListing[];
  count: number;
  online: number;
  next?: string;
}

/** Who is in a room, by name, a page at a time: a room may hold the whole company. */
export function MembersDialog({
  client,
  room,
  open,
  onOpenChange,
  onMessage,
}: {
  client: ChatClient;
  room: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onMessage: (user: string) => void;
}) {
  const me = useChatStore((state) => state.me);
  const users = useChatStore((state) => state.users);
  const [loaded, setLoaded] = useState<Members | null>(null);
  const { error, busy, run } = useAction();
  const shown = open && loaded?.room === room ? loaded : null;

  useEffect(() => {
    if (!open) return;
    let current = true;
    void run(async () => {
      const first = await client.members(room);
      if (current) setLoaded(first);
    });
    return () => {
      current = false;
    };
    // run changes identity on every render; what to load depends on the room and the dialog only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, room, open]);

  useShown((shown?.members ?? []).map((member) => member.id));

  const more = () =>
    void run(async () => {
      if (!shown?.next) return;
      const page = await client.members(room, shown.next);
      setLoaded({ ...page, members: [...shown.members, ...page.members] });
    });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Members of #{room}</DialogTitle>
          <DialogDescription>
            {shown ? `${shown.count} ${shown.count === 1 ? "member" : "members"}, ${shown.online} online` : "Loading…"}
          </DialogDescription>
        </DialogHeader>
        <ul className="max-h-80 space-y-1 overflow-y-auto" aria-label="Members" aria-busy={busy}>
          {(shown?.members ?? []).map((listed) => {
            const member = users[listed.id] ?? listed;
            const itsMe = member.id === me?.id;
            return (
              <li key={member.id}>
                <button
                  type="button"
                  disabled={itsMe}
                  // The name holds what the row shows, in its order (WCAG 2.5.3).
                  aria-label={`${itsMe ? `${member.name} (you)` : `Message ${member.name}`} (${presenceWord(member)})`}
                  className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left enabled:hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                  onClick={() => {
                    onMessage(member.id);
                    onOpenChange(false);
                  }}
                >
                  <Avatar id={member.id} name={member.name} online={member.online} className="size-6 text-[10px]" />
                  <span className="flex-1 truncate">
                    {member.name}
                    {itsMe && " (you)"}
                  </span>
                  <span className="text-xs text-muted-foreground">({presenceWord(member)})</span>
                </button>
              </li>
            );
          })}
        </ul>
        {shown?.next && (
          <Button variant="outline" size="sm" disabled={busy} onClick={more}>
            Show more
          </Button>
        )}
        <ErrorText error={error} />
      </DialogContent>
    </Dialog>
  );
}
