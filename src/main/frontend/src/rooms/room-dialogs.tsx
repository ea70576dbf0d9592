import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Avatar } from "@/components/ui/avatar";
import { ErrorText } from "@/components/ui/error-text";
import { useChatStore } from "@/chatStore";
import type { ChatClient } from "@/chat-client";
import { useAction } from "@/lib/use-action";
import { useRoomSearch } from "@/rooms/use-room-search";
import { usePeopleSearch } from "@/people/use-people-search";

const ROOM_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

interface DialogProps {
  client: ChatClient;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Public rooms one is not in yet, to join with one click. */
export function BrowseRoomsDialog({
  client,
  open,
  onOpenChange,
  onJoined,
}: DialogProps & { onJoined: (room: string) => void }) {
  const [filter, setFilter] = useState("");
  const { error, busy, run } = useAction(() => {
    onOpenChange(false);
  });
  const available = useRoomSearch(client, filter, open).filter((room) => !room.member);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>Browse rooms</DialogTitle>
        </DialogHeader>
        <Input
          placeholder="Room name starts with…"
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
          }}
          aria-label="Filter rooms"
        />
        <ul className="max-h-72 space-y-1 overflow-y-auto">
          {available.map((room) => (
            <li key={room.name} className="flex items-center justify-between rounded-md px-2 py-1.5 hover:bg-accent">
              <span className="truncate"># {room.name}</span>
              <Button
                size="sm"
                variant="outline"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    onJoined(await client.join(room.name));
                  })
                }
              >
                Join
              </Button>
            </li>
          ))}
          {available.length === 0 && (
            <li className="px-2 py-4 text-sm text-muted-foreground">No other public rooms.</li>
          )}
        </ul>
        <ErrorText error={error} />
      </DialogContent>
    </Dialog>
  );
}

export function CreateRoomDialog({
  client,
  open,
  onOpenChange,
  onCreated,
}: DialogProps & { onCreated: (room: string) => void }) {
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const { error, busy, run } = useAction(() => {
    onOpenChange(false);
    setName("");
    setPrivate(false);
  });
  const canonical = name.trim().toLowerCase();
  const valid = ROOM_NAME.test(canonical);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create a room</DialogTitle>
          <DialogDescription>Letters, digits, - and _; up to 64 characters.</DialogDescription>
        </DialogHeader>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid)
              void run(async () => {
                onCreated(await client.createRoom(canonical, isPrivate));
              });
          }}
        >
          <div className="space-y-1.5">
            <Label htmlFor="room-name">Name</Label>
            <Input
              id="room-name"
              autoFocus
              placeholder="e.g. launch-plans"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
              }}
              aria-invalid={name !== "" && !valid}
            />
          </div>
          <div className="flex items-center justify-between gap-4">
            <Label htmlFor="room-private" className="flex flex-col items-start gap-1">
              Private
              <span className="text-xs font-normal text-muted-foreground">
                Only invited people can see and join it.
              </span>
            </Label>
            <Switch id="room-private" checked={isPrivate} onCheckedChange={setPrivate} />
          </div>
          <ErrorText error={error} />
          <DialogFooter>
            <Button type="submit" disabled={!valid || busy}>
              Create
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function InviteDialog({ client, open, onOpenChange, room }: DialogProps & { room: string }) {
  const me = useChatStore((state) => state.me);
  const [filter, setFilter] = useState("");
  const [invited, setInvited] = useState<string[]>([]);
  const { error, busy, run } = useAction();
  // The company's directory, searched on the server: never a list of everyone.
  const people = usePeopleSearch(client, open ? filter : "").people.filter((user) => user.id !== me?.id);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setInvited([]);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite people to #{room}</DialogTitle>
          <DialogDescription>Members can read the room's history and post in it.</DialogDescription>
        </DialogHeader>
        <Input
          placeholder="Search people"
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
          }}
          aria-label="Search people"
        />
        <ul className="max-h-72 space-y-1 overflow-y-auto">
          {people.map((user) => (
            <li key={user.id} className="flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-accent">
              <Avatar id={user.id} name={user.name} className="size-6" />
              <span className="flex-1 truncate">{user.name}</span>
              <Button
                size="sm"
                variant="outline"
                disabled={busy || invited.includes(user.id)}
                onClick={() =>
                  void run(async () => {
                    await client.invite(room, user.id);
                    setInvited((list) => [...list, user.id]);
                  })
                }
              >
                {invited.includes(user.id) ? "Invited" : "Invite"}
              </Button>
            </li>
          ))}
        </ul>
        <ErrorText error={error} />
      </DialogContent>
    </Dialog>
  );
}
