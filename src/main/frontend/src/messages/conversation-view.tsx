import { useCallback, useEffect, useMemo, useState } from "react";
import { Hash, Lock, LogOut, Menu, Search, UserPlus, Users } from "lucide-react";
import { useChatStore } from "@/chatStore";
import type { ChatClient } from "@/chat-client";
import { RequestFailed } from "@/socket/protocol";
import { type ConversationKey, dmKey, parseKey, quoteOf, roomKey } from "./model";
import { MessageList } from "./message-list";
import type { MessageHandlers } from "./message-changes";
import { Composer } from "./composer";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { InviteDialog } from "@/rooms/room-dialogs";
import { MembersDialog } from "@/rooms/members-dialog";
import { SearchDialog } from "@/search/search-dialog";
import { navigate } from "@/lib/router";
import { PersonName, presenceText } from "@/people/person-card";

const EMPTY: never[] = [];

function TypingLine({ conversation }: { conversation: ConversationKey }) {
  const typing = useChatStore((state) => state.typing[conversation]);
  const users = useChatStore((state) => state.users);
  const names = Object.keys(typing ?? {}).map((id) => users[id]?.name ?? id);
  const text =
    names.length === 0
      ? ""
      : names.length === 1
        ? `${names[0]} is typing…`
        : names.length === 2
          ? `${names[0]} and ${names[1]} are typing…`
          : "Several people are typing…";
  return (
    <p className="h-5 px-4 text-xs text-muted-foreground" aria-live="polite">
      {text}
    </p>
  );
}

interface ConversationViewProps {
  client: ChatClient;
  conversation: ConversationKey;
  title: React.ReactNode;
  subtitle?: React.ReactNode;
  actions?: React.ReactNode;
  placeholder: string;
  emptyText: string;
  onOpenSidebar: () => void;
  /** Shown in place of the composer (a room one has not joined offers to join). */
  footer?: React.ReactNode;
  /** Shown in place of the whole conversation when the server says there is none to show. */
  notFound?: React.ReactNode;
}

function ConversationView({
  client,
  conversation,
  title,
  subtitle,
  actions,
  placeholder,
  emptyText,
  onOpenSidebar,
  footer,
  notFound,
}: ConversationViewProps) {
  const state = useChatStore((s) => s.conversations[conversation]);
  const status = useChatStore((s) => s.status);
  const [error, setError] = useState<{ conversation: string; message: string; code?: string } | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    if (status === "online")
      client.ensureLoaded(conversation).then(
        () => {
          setError(null);
        },
        (failure: unknown) => {
          setError({
            conversation,
            message: failure instanceof Error ? failure.message : String(failure),
            code: failure instanceof RequestFailed ? failure.code : undefined,
          });
        },
      );
  }, [client, conversation, status]);
  const handlers = useMemo<MessageHandlers>(
    () => ({
      edit: (id, content) => client.edit(id, content),
      remove: (id) => client.deleteMessage(id),
      react: (id, emoji) => client.react(id, emoji),
      unreact: (id, emoji) => client.unreact(id, emoji),
      reply: (message) => {
        useChatStore.getState().startReply(conversation, quoteOf(message));
      },
      show: (id) => {
        client.jumpTo(conversation, id).catch((failure: unknown) => {
          setError({ conversation, message: failure instanceof Error ? failure.message : String(failure) });
        });
      },
    }),
    [client, conversation],
  );
  const findPeople = useCallback(
    async (query: string) => {
      if (query === "") {
        // Nothing typed yet: the people one talks with.
        const state = useChatStore.getState();
        return state.contacts.slice(0, 6).map((id) => state.users[id] ?? { id, name: id });
      }
      return client.searchPeople(query);
    },
    [client],
  );
  const replyingTo = useChatStore((s) => s.replyingTo[conversation]);
  const replyingToName = useChatStore((s) =>
    replyingTo ? (replyingTo.from === s.me?.id ? s.me.name : (s.users[replyingTo.from]?.name ?? replyingTo.from)) : "",
  );
  // An error belongs to the conversation it happened in: switching away hides it.
  const shownError = error?.conversation === conversation ? error.message : null;
  const missing = notFound !== undefined && error?.conversation === conversation && error.code === "not_found";

  return (
    <section className="flex h-full min-h-0 flex-1 flex-col" aria-label={typeof title === "string" ? title : undefined}>
      <header className="flex h-14 shrink-0 items-center gap-2 border-b px-3">
        <Button
          variant="ghost"
          size="icon"
          className="md:hidden"
          aria-label="Open rooms and people"
          onClick={onOpenSidebar}
        >
          <Menu />
        </Button>
        <div className="min-w-0 flex-1">
          <h1 className="flex items-center gap-1.5 truncate font-semibold">{title}</h1>
          {subtitle && !missing && <p className="truncate text-xs text-muted-foreground">{subtitle}</p>}
        </div>
        {!missing && (
          <Button
            variant="ghost"
            size="icon"
            aria-label="Search messages"
            title="Search messages"
            onClick={() => {
              setSearching(true);
            }}
          >
            <Search />
          </Button>
        )}
        {!missing && actions}
      </header>
      <SearchDialog
        client={client}
        open={searching}
        onOpenChange={setSearching}
        within={conversation}
        onChosen={(key, id) => {
          navigate(key);
          client.jumpTo(key, id).catch((failure: unknown) => {
            setError({ conversation: key, message: failure instanceof Error ? failure.message : String(failure) });
          });
        }}
      />
      {missing ? (
        <div className="flex flex-1 items-center justify-center p-6 text-center">{notFound}</div>
      ) : (
        <>
          {shownError && (
            <p role="alert" className="border-b bg-destructive/10 px-4 py-2 text-sm text-destructive">
              {shownError}
            </p>
          )}
          <MessageList
            messages={state?.messages ?? EMPTY}
            loaded={state?.loaded ?? false}
            loadingOlder={state?.loadingOlder ?? false}
            reachedStart={state?.reachedStart ?? false}
            onLoadOlder={() => void client.loadOlder(conversation).catch(() => undefined)}
            onRetry={(clientId) => {
              client.retry(conversation, clientId);
            }}
            handlers={handlers}
            newAfter={state?.newAfter ?? null}
            emptyText={emptyText}
            detached={state?.detached ?? false}
            onBackToLatest={() => {
              client.backToLatest(conversation).catch(() => undefined);
            }}
            jumpTarget={state?.jumpTarget ?? null}
            onJumpDone={() => {
              useChatStore.getState().jumpDone(conversation);
            }}
          />
          <TypingLine conversation={conversation} />
          {footer ?? (
            <Composer
              draftKey={conversation}
              placeholder={placeholder}
              onSend={(content) => {
                client.send(conversation, content, replyingTo);
                useChatStore.getState().cancelReply(conversation);
              }}
              replyingTo={replyingTo ? { ...replyingTo, name: replyingToName } : undefined}
              findPeople={findPeople}
              canMentionEveryone={parseKey(conversation).kind === "room"}
              onCancelReply={() => {
                useChatStore.getState().cancelReply(conversation);
              }}
              onTyping={() => {
                client.typing(conversation);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

export function ChatRoom({
  client,
  room,
  onOpenSidebar,
  onLeft,
  onMessage,
}: {
  client: ChatClient;
  room: string;
  onOpenSidebar: () => void;
  onLeft: () => void;
  onMessage: (user: string) => void;
}) {
  const listing = useChatStore((state) => state.rooms.find((r) => r.name === room));
  const online = useChatStore((state) => state.status === "online");
  const [inviting, setInviting] = useState(false);
  const [listingMembers, setListingMembers] = useState(false);
  const [joinFailure, setJoinFailure] = useState<{ room: string; message: string } | null>(null);
  const member = listing?.member ?? false;
  const loaded = useChatStore((state) => state.conversations[roomKey(room)]?.loaded ?? false);
  const roomsLoaded = useChatStore((state) => state.roomsLoaded);
  const joinError = joinFailure?.room === room ? joinFailure.message : null;
  const join = () =>
    void client.join(room).catch((failure: unknown) => {
      setJoinFailure({ room, message: failure instanceof Error ? failure.message : String(failure) });
    });

  const members = (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Members"
        disabled={!online}
        onClick={() => {
          setListingMembers(true);
        }}
      >
        <Users />
      </Button>
      <MembersDialog
        client={client}
        room={room}
        open={listingMembers}
        onOpenChange={setListingMembers}
        onMessage={onMessage}
      />
    </>
  );
  const actions = member ? (
    <>
      {members}
      {listing?.private && (
        <Button
          variant="ghost"
          size="icon"
          aria-label="Invite people"
          onClick={() => {
            setInviting(true);
          }}
        >
          <UserPlus />
        </Button>
      )}
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Leave ${room}`}
        onClick={() => void client.leave(room).then(onLeft)}
      >
        <LogOut />
      </Button>
      <InviteDialog client={client} open={inviting} onOpenChange={setInviting} room={room} />
    </>
  ) : (
    members
  );
  // A public room one reads without being in it: joining takes the composer's place. Not while
  // connecting: a join needs the connection, and the banner says why the button waits.
  const joinBar =
    member || !roomsLoaded ? undefined : (
      <div className="flex items-center justify-between gap-3 border-t px-4 py-3 text-sm">
        <span className="text-muted-foreground">You are reading #{room} without being a member.</span>
        <Button size="sm" disabled={!online} onClick={join}>
          Join to post
        </Button>
      </div>
    );

  return (
    <div className="flex h-full min-h-0 flex-1 flex-col">
      {joinError && (
        <p role="alert" className="bg-destructive/10 px-4 py-2 text-sm text-destructive">
          {joinError}
        </p>
      )}
      <ConversationView
        key={member ? "member" : "reader"}
        client={client}
        conversation={roomKey(room)}
        title={
          <>
            {listing?.private ? <Lock className="size-4" /> : <Hash className="size-4" />}
            {room}
          </>
        }
        subtitle={listing?.private ? "Private room" : member || loaded ? "Public room" : undefined}
        actions={actions}
        footer={joinBar}
        notFound={
          <div className="max-w-sm space-y-2">
            <p className="font-semibold">This room does not exist, or you do not have access to it.</p>
            <p className="text-sm text-muted-foreground">
              Private rooms are only visible to their members: ask one of them to invite you, or check the name.
            </p>
          </div>
        }
        placeholder={`Message #${room}`}
        emptyText={`No messages in #${room} yet. Say hello!`}
        onOpenSidebar={onOpenSidebar}
      />
    </div>
  );
}

export function DMView({
  client,
  user,
  onOpenSidebar,
}: {
  client: ChatClient;
  user: string;
  onOpenSidebar: () => void;
}) {
  const person = useChatStore((state) => state.users[user]);
  const name = person?.name ?? user;
  return (
    <ConversationView
      client={client}
      conversation={dmKey(user)}
      title={
        <>
          <Avatar id={user} name={name} online={person?.online} className="size-6 text-[10px]" />{" "}
          <PersonName id={user} name={name} />
        </>
      }
      subtitle={person ? presenceText(person) : undefined}
      placeholder={`Message ${name}`}
      emptyText={`This is the start of your conversation with ${name}.`}
      onOpenSidebar={onOpenSidebar}
    />
  );
}
