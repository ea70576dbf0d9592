import { useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Avatar } from "@/components/ui/avatar";
import { useChatStore } from "@/chatStore";
import type { ChatClient } from "@/chat-client";
import { usePeopleSearch } from "./use-people-search";
import { useShown } from "./use-shown";
import { presenceWord } from "@/people/person-card";

/** Finds anyone in the company's directory by name or e-mail address and opens a conversation with them. */
export function NewMessageDialog({
  client,
  open,
  onOpenChange,
  onChosen,
}: {
  client: ChatClient;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChosen: (user: string) => void;
}) {
  const me = useChatStore((state) => state.me);
  const [query, setQuery] = useState("");
  const { people, searching } = usePeopleSearch(client, open ? query : "");
  const users = useChatStore((state) => state.users);
  const others = people.filter((person) => person.id !== me?.id);
  useShown(others.map((person) => person.id));
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setQuery("");
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New message</DialogTitle>
          <DialogDescription>Find anyone in the company by name or e-mail address.</DialogDescription>
        </DialogHeader>
        <Input
          autoFocus
          placeholder="Name or e-mail"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
          aria-label="Find people"
        />
        <ul className="max-h-72 space-y-1 overflow-y-auto" aria-label="People found" aria-busy={searching}>
          {others.map((found) => {
            // Found a moment ago; the store follows their presence from then on.
            const person = users[found.id] ?? found;
            return (
              <li key={person.id}>
                <button
                  type="button"
                  className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                  onClick={() => {
                    onChosen(person.id);
                    onOpenChange(false);
                    setQuery("");
                  }}
                >
                  <Avatar id={person.id} name={person.name} online={person.online} className="size-6 text-[10px]" />
                  <span className="flex-1 truncate">{person.name}</span>
                  <span className="text-xs text-muted-foreground">{presenceWord(person)}</span>
                </button>
              </li>
            );
          })}
          {query.trim() !== "" && !searching && others.length === 0 && (
            <li className="px-2 py-1 text-sm text-muted-foreground">Nobody found.</li>
          )}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
