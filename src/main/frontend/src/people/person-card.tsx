import { Avatar } from "@/components/ui/avatar";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { useChatStore } from "@/chatStore";

type PresenceKnown = { online?: boolean; presence_hidden?: true } | undefined;

/** What is known of someone's presence, in words: the company may hide it from those who are not their contacts. */
export function presenceText(person: PresenceKnown): string {
  if (person?.presence_hidden) return "Presence hidden";
  if (person?.online === undefined) return "Presence not known yet";
  return person.online ? "Online" : "Offline";
}

/** The same inside a sentence: "online", "offline", "presence hidden". */
export function presenceWord(person: PresenceKnown): string {
  const text = presenceText(person);
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A person's name that opens who they really are: the id the company's sign-in knows them by, the
 * e-mail address from the directory and their presence. Display names are not unique and people may
 * choose their own; the id and the address are not. `twin` marks a name someone else here shares.
 */
export function PersonName({ id, name, twin = false }: { id: string; name: string; twin?: boolean }) {
  const person = useChatStore((state) => state.users[id]);
  const isMe = useChatStore((state) => state.me?.id === id);
  const email = person?.email;
  return (
    <Popover>
      <PopoverTrigger asChild>
        <button
          type="button"
          className="rounded-sm text-sm font-semibold hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {name}
          {twin && (
            <span className="ml-1 font-normal text-muted-foreground">
              <span className="sr-only">(not to be confused with someone of the same name) </span>({email ?? id})
            </span>
          )}
        </button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-72 p-3" aria-label={`About ${name}`}>
        <div className="flex items-center gap-3">
          <Avatar id={id} name={name} className="size-10" />
          <div className="min-w-0">
            <p className="truncate font-semibold">{name}</p>
            <p className="text-xs text-muted-foreground">{isMe ? "You" : presenceText(person)}</p>
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          <dt className="text-muted-foreground">Signs in as</dt>
          <dd className="break-all font-mono">{id}</dd>
          <dt className="text-muted-foreground">E-mail</dt>
          <dd className="break-all">{email ?? "not in the directory"}</dd>
        </dl>
      </PopoverContent>
    </Popover>
  );
}

/**
 * The ids whose display name someone else among these people shares (letter case and spacing
 * aside): where a look-alike could pass for another, the name is not enough.
 */
export function namesharers(people: Iterable<{ id: string; name: string }>): Set<string> {
  const byName = new Map<string, Set<string>>();
  for (const { id, name } of people) {
    const key = name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
    byName.set(key, (byName.get(key) ?? new Set()).add(id));
  }
  const twins = new Set<string>();
  for (const ids of byName.values()) if (ids.size > 1) ids.forEach((id) => twins.add(id));
  return twins;
}
