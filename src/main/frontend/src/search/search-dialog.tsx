import { useEffect, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { Label } from "@/components/ui/label";
import { ErrorText } from "@/components/ui/error-text";
import { useChatStore } from "@/chatStore";
import { FoundMessage } from "./found-message";
import type { ChatClient } from "@/chat-client";
import { type ConversationKey, dmKey, parseKey, roomKey } from "@/messages/model";
import type { ServerEventOf } from "@/socket/protocol";
import { RequestFailed } from "@/socket/protocol";

type Result = ServerEventOf<"search_results">["results"][number];

const DEBOUNCE_MS = 300;

/** Where a result is, seen from `me`: its room, or the direct conversation with the other person. */
export function conversationOfResult(result: Result, me: string): ConversationKey {
  if (result.room !== undefined) return roomKey(result.room);
  return dmKey(result.from === me ? (result.to ?? me) : result.from);
}

/**
 * Searches the messages one may read, everywhere or in the open conversation, and opens the one
 * chosen at its place in the conversation.
 */
export function SearchDialog({
  client,
  open,
  onOpenChange,
  within,
  onChosen,
}: {
  client: ChatClient;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The conversation open now: the search can be narrowed to it. */
  within: ConversationKey | null;
  onChosen: (key: ConversationKey, id: number) => void;
}) {
  const me = useChatStore((state) => state.me);
  const users = useChatStore((state) => state.users);
  const [query, setQuery] = useState("");
  const [onlyHere, setOnlyHere] = useState(false);
  const [found, setFound] = useState<{ key: string; results: Result[]; next?: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const scope = onlyHere && within ? parseKey(within) : null;
  const where = scope ? (scope.kind === "room" ? { room: scope.name } : { with: scope.name }) : {};
  const searchKey = JSON.stringify([query.trim(), where]);

  useEffect(() => {
    if (!open || query.trim() === "") return;
    let current = true;
    const timer = window.setTimeout(() => {
      setSearching(true);
      client.searchMessages(query.trim(), where).then(
        (answer) => {
          if (!current) return;
          setFound({ key: searchKey, results: answer.results, next: answer.next });
          setError(null);
          setSearching(false);
        },
        (failure: unknown) => {
          if (!current) return;
          setError(failure instanceof RequestFailed ? failure.message : String(failure));
          setSearching(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, open, searchKey]);

  function more() {
    if (found?.next === undefined) return;
    setSearching(true);
    client.searchMessages(query.trim(), where, found.next).then(
      (answer) => {
        setFound((shown) =>
          shown && shown.key === searchKey
            ? { key: searchKey, results: [...shown.results, ...answer.results], next: answer.next }
            : shown,
        );
        setSearching(false);
      },
      (failure: unknown) => {
        setError(failure instanceof RequestFailed ? failure.message : String(failure));
        setSearching(false);
      },
    );
  }

  const nameOf = (id: string) => (id === me?.id ? me.name : (users[id]?.name ?? id));
  const whereOf = (result: Result) => {
    if (result.room !== undefined) return `#${result.room}`;
    const other = result.from === me?.id ? (result.to ?? result.from) : result.from;
    return other === me?.id ? "Notes to self" : `With ${nameOf(other)}`;
  };
  const shown = query.trim() !== "" && found?.key === searchKey ? found : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) {
          setQuery("");
          setFound(null);
          setError(null);
        }
      }}
    >
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Search messages</DialogTitle>
          <DialogDescription>
            Words must all occur; &quot;quotes&quot; find a phrase, -word leaves a word out.
          </DialogDescription>
        </DialogHeader>
        <Input
          autoFocus
          placeholder="Search messages"
          aria-label="Search messages"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
        {within && (
          <div className="flex items-center gap-2">
            <Switch id="search-here" checked={onlyHere} onCheckedChange={setOnlyHere} />
            <Label htmlFor="search-here">
              Only in {parseKey(within).kind === "room" ? `#${parseKey(within).name}` : "this conversation"}
            </Label>
          </div>
        )}
        <ErrorText error={error} />
        <ul className="max-h-96 space-y-1 overflow-y-auto" aria-label="Messages found" aria-busy={searching}>
          {shown?.results.map((result) => (
            <li key={result.id}>
              <FoundMessage
                author={result.from === me?.id ? me.name : result.from_name}
                where={whereOf(result)}
                timestamp={result.timestamp}
                onChoose={() => {
                  onChosen(conversationOfResult(result, me?.id ?? ""), result.id);
                  onOpenChange(false);
                }}
              >
                <span className="line-clamp-2 text-sm">
                  {result.snippet.map((run, index) =>
                    run.match ? (
                      <mark
                        key={index}
                        className="rounded-sm bg-yellow-200 px-0.5 text-foreground dark:bg-yellow-500/40"
                      >
                        {run.text}
                      </mark>
                    ) : (
                      <span key={index}>{run.text}</span>
                    ),
                  )}
                </span>
              </FoundMessage>
            </li>
          ))}
          {shown && shown.results.length === 0 && !searching && (
            <li className="px-2 py-1 text-sm text-muted-foreground">No messages found.</li>
          )}
        </ul>
        {shown?.next !== undefined && (
          <Button variant="outline" size="sm" onClick={more} disabled={searching}>
            More results
          </Button>
        )}
      </DialogContent>
    </Dialog>
  );
}
