import { useMemo, useState } from "react";
import { AtSign, Bell, BellOff, Compass, Hash, Lock, LogOut, MessageSquarePlus, Plus, Search } from "lucide-react";
import { useChatStore } from "@/chatStore";
import type { ChatClient } from "@/chat-client";
import { type ConversationKey, dmKey, roomKey } from "@/messages/model";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { useRoomSearch } from "@/rooms/use-room-search";
import { cn } from "@/lib/class-names";
import { askForNotifications, notificationPermission } from "@/notifications/notifier";
import { NewMessageDialog } from "@/people/new-message-dialog";
import { MentionsDialog } from "@/search/mentions-dialog";
import { usePeopleSearch } from "@/people/use-people-search";
import { useShown } from "@/people/use-shown";
import { BrowseRoomsDialog, CreateRoomDialog } from "./room-dialogs";
import { presenceWord } from "@/people/person-card";

interface SidebarProps {
  client: ChatClient;
  onOpen: (key: ConversationKey) => void;
}

/** The id of the words that describe a conversation's unread count, for its sidebar button. */
const unreadId = (conversation: ConversationKey) => `unread-${conversation}`;

/**
 * The unread count: a badge for the eye, and words the conversation's button is described by (its
 * name stays what it shows: "Room general", not "Room general 3").
 */
function UnreadBadge({ conversation }: { conversation: ConversationKey }) {
  const unread = useChatStore((state) => state.conversations[conversation]?.unread ?? 0);
  const mentioned = useChatStore((state) => state.conversations[conversation]?.mentioned ?? false);
  if (unread === 0) return null;
  return (
    <>
      <Badge
        variant={mentioned || conversation.startsWith("dm:") ? "mention" : "default"}
        aria-hidden="true"
        aria-label={`${unread} unread`}
      >
        {unread > 99 ? "99+" : unread}
      </Badge>
      <span id={unreadId(conversation)} className="sr-only">
        {unread > 99 ? "99+" : unread} unread{mentioned ? ", you are mentioned" : ""}
      </span>
    </>
  );
}

function SidebarItem({
  active,
  unread,
  onClick,
  children,
  label,
  conversation,
}: {
  active: boolean;
  unread: boolean;
  onClick: () => void;
  children: React.ReactNode;
  label: string;
  /** The conversation it opens, whose unread count describes it. */
  conversation?: ConversationKey;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-current={active ? "page" : undefined}
      aria-label={label}
      aria-describedby={conversation && unread ? unreadId(conversation) : undefined}
      className={cn(
        "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm transition-colors hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        active && "bg-accent font-medium text-accent-foreground",
        unread && !active && "font-semibold text-foreground",
      )}
    >
      {children}
    </button>
  );
}

export function Sidebar({ client, onOpen }: SidebarProps) {
  const me = useChatStore((state) => state.me)!;
  const connected = useChatStore((state) => state.status === "online");
  const contactsLoaded = useChatStore((state) => state.contactsLoaded);
  const rooms = useChatStore((state) => state.rooms);
  const users = useChatStore((state) => state.users);
  const contacts = useChatStore((state) => state.contacts);
  const active = useChatStore((state) => state.active);
  const conversations = useChatStore((state) => state.conversations);
  const [query, setQuery] = useState("");
  const [browsing, setBrowsing] = useState(false);
  const [messaging, setMessaging] = useState(false);
  const [creating, setCreating] = useState(false);
  const [mentionsOpen, setMentionsOpen] = useState(false);
  const [permission, setPermission] = useState(notificationPermission());

  const search = query.toLowerCase().trim();
  const joined = useMemo(() => rooms.filter((room) => room.member && room.name.includes(search)), [rooms, search]);
  const found = useRoomSearch(client, search);
  const discoverable = useMemo(() => found.filter((room) => !room.member), [found]);
  // One's conversations, most recent first; while searching, those that match and then anyone the
  // directory finds.
  const directory = usePeopleSearch(client, search);
  const people = useMemo(() => {
    const talkedWith = contacts
      .filter((id) => id !== me.id)
      .map((id) => users[id] ?? { id, name: id, online: false })
      .filter((user) => `${user.name} ${user.id}`.toLowerCase().includes(search));
    const others = directory.people.filter((user) => user.id !== me.id && !contacts.includes(user.id));
    return [...talkedWith, ...others.map((user) => users[user.id] ?? user)];
  }, [contacts, users, me.id, search, directory.people]);
  useShown(directory.people.map((user) => user.id));

  return (
    <nav aria-label="Rooms and people" className="flex h-full min-h-0 flex-col bg-sidebar text-sidebar-foreground">
      <div className="flex items-center gap-2 border-b px-3 py-3">
        <Avatar id={me.id} name={me.name} online={connected} />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold">{me.name}</p>
          <p className="truncate text-xs text-muted-foreground">@{me.id}</p>
        </div>
        {permission !== "unsupported" && (
          <Tooltip>
            <TooltipTrigger asChild>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={permission === "granted" ? "Notifications are on" : "Turn on notifications"}
                onClick={() => void askForNotifications().then(setPermission)}
              >
                {permission === "granted" ? <Bell /> : <BellOff />}
              </Button>
            </TooltipTrigger>
            <TooltipContent>
              {permission === "granted" ? "Notifications are on" : "Turn on notifications"}
            </TooltipContent>
          </Tooltip>
        )}
        <Tooltip>
          <TooltipTrigger asChild>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label="Mentions"
              onClick={() => {
                setMentionsOpen(true);
              }}
            >
              <AtSign />
            </Button>
          </TooltipTrigger>
          <TooltipContent>Mentions of you</TooltipContent>
        </Tooltip>
        <Tooltip>
          <TooltipTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label="Sign out" onClick={() => void client.signOut()}>
              <LogOut />
            </Button>
          </TooltipTrigger>
          <TooltipContent>Sign out</TooltipContent>
        </Tooltip>
      </div>

      <div className="px-3 pt-3">
        <div className="relative">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            className="pl-8"
            placeholder="Search rooms and people"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
            }}
            aria-label="Search rooms and people"
          />
        </div>
      </div>

      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-2 py-3">
        <section aria-labelledby="rooms-heading">
          <div className="flex items-center justify-between px-2 pb-1">
            <h2 id="rooms-heading" className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
              Rooms
            </h2>
            <div className="flex">
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label="Browse rooms"
                onClick={() => {
                  setBrowsing(true);
                }}
              >
                <Compass />
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label="Create a room"
                onClick={() => {
                  setCreating(true);
                }}
              >
                <Plus />
              </Button>
            </div>
          </div>
          <ul className="space-y-0.5">
            {joined
              .slice()
              .sort(
                (a, b) =>
                  (conversations[roomKey(b.name)]?.unread ?? 0) - (conversations[roomKey(a.name)]?.unread ?? 0) ||
                  a.name.localeCompare(b.name),
              )
              .map((room) => {
                const key = roomKey(room.name);
                return (
                  <li key={room.name}>
                    <SidebarItem
                      active={active === key}
                      unread={(conversations[key]?.unread ?? 0) > 0}
                      onClick={() => {
                        onOpen(key);
                      }}
                      label={`Room ${room.name}`}
                      conversation={key}
                    >
                      {room.private ? (
                        <Lock className="size-4 shrink-0 opacity-60" />
                      ) : (
                        <Hash className="size-4 shrink-0 opacity-60" />
                      )}
                      <span className="flex-1 truncate">{room.name}</span>
                      <UnreadBadge conversation={key} />
                    </SidebarItem>
                  </li>
                );
              })}
            {discoverable.map((room) => (
              <li key={room.name}>
                <SidebarItem
                  active={false}
                  unread={false}
                  label={`Join room ${room.name}`}
                  onClick={() =>
                    void client.join(room.name).then((name) => {
                      onOpen(roomKey(name));
                    })
                  }
                >
                  <Hash className="size-4 shrink-0 opacity-40" />
                  <span className="flex-1 truncate text-muted-foreground">{room.name}</span>
                  <span className="text-xs text-muted-foreground">Join</span>
                </SidebarItem>
              </li>
            ))}
            {joined.length === 0 && discoverable.length === 0 && (
              <li className="px-2 py-1 text-sm text-muted-foreground">
                {search ? (
                  "No room matches."
                ) : (
                  <button
                    className="underline underline-offset-2"
                    onClick={() => {
                      setBrowsing(true);
                    }}
                  >
                    Find a room to join
                  </button>
                )}
              </li>
            )}
          </ul>
        </section>

        <section aria-labelledby="people-heading">
          <div className="flex items-center justify-between px-2 pb-1">
            <h2 id="people-heading" className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
              People
            </h2>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label="New message"
              onClick={() => {
                setMessaging(true);
              }}
            >
              <MessageSquarePlus />
            </Button>
          </div>
          <ul className="space-y-0.5">
            {people.map((user) => {
              const key = dmKey(user.id);
              return (
                <li key={user.id}>
                  <SidebarItem
                    active={active === key}
                    unread={(conversations[key]?.unread ?? 0) > 0}
                    onClick={() => {
                      onOpen(key);
                    }}
                    label={`Message ${user.name} (${presenceWord(user)})`}
                    conversation={key}
                  >
                    <Avatar id={user.id} name={user.name} online={user.online} className="size-6 text-[10px]" />
                    <span className="flex-1 truncate">{user.name}</span>
                    <UnreadBadge conversation={key} />
                  </SidebarItem>
                </li>
              );
            })}
            {people.length === 0 && (
              <li className="px-2 py-1 text-sm text-muted-foreground">
                {search ? (
                  directory.searching ? (
                    "Searching…"
                  ) : (
                    "Nobody matches."
                  )
                ) : !contactsLoaded ? (
                  "Loading…"
                ) : (
                  <button
                    className="underline underline-offset-2"
                    onClick={() => {
                      setMessaging(true);
                    }}
                  >
                    Start a conversation
                  </button>
                )}
              </li>
            )}
          </ul>
        </section>
      </div>

      <BrowseRoomsDialog
        client={client}
        open={browsing}
        onOpenChange={setBrowsing}
        onJoined={(room) => {
          onOpen(roomKey(room));
        }}
      />
      <CreateRoomDialog
        client={client}
        open={creating}
        onOpenChange={setCreating}
        onCreated={(room) => {
          onOpen(roomKey(room));
        }}
      />
      <NewMessageDialog
        client={client}
        open={messaging}
        onOpenChange={setMessaging}
        onChosen={(user) => {
          onOpen(dmKey(user));
        }}
      />
      <MentionsDialog
        client={client}
        open={mentionsOpen}
        onOpenChange={setMentionsOpen}
        onChosen={(key, id) => {
          onOpen(key);
          client.jumpTo(key, id).catch(() => undefined);
        }}
      />
    </nav>
  );
}
