import { SmilePlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/class-names";
import type { MessageReaction } from "./model";
import { EmojiPopover } from "./emoji-popover";

/** "Alice, Bob and 3 others": the people named first, then how many more. */
export function whoReacted(reaction: MessageReaction, nameOf: (id: string) => string, me?: string): string {
  const names = reaction.users.map((id) => (id === me ? "you" : nameOf(id)));
  if (reaction.mine && !reaction.users.includes(me ?? "")) names.unshift("you");
  const others = reaction.count - names.length;
  if (others <= 0) {
    return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  }
  return `${names.join(", ")} and ${others} ${others === 1 ? "other" : "others"}`;
}

/** The reactions under a message: each toggles one's own, and one more button adds another emoji. */
export function ReactionBar({
  reactions,
  nameOf,
  me,
  onToggle,
  onAdd,
}: {
  reactions: MessageReaction[];
  nameOf: (id: string) => string;
  me?: string;
  onToggle: (reaction: MessageReaction) => void;
  onAdd?: (emoji: string) => void;
}) {
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1" role="group" aria-label="Reactions">
      {reactions.map((reaction) => {
        const who = whoReacted(reaction, nameOf, me);
        return (
          <button
            key={reaction.emoji}
            type="button"
            aria-pressed={reaction.mine}
            aria-label={`${reaction.emoji} ${reaction.count}, from ${who}`}
            title={`${who} reacted with ${reaction.emoji}`}
            disabled={!onAdd}
            className={cn(
              "flex h-6 items-center gap-1 rounded-full border px-2 text-xs tabular-nums transition-colors",
              "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-default",
              reaction.mine ? "border-primary/60 bg-primary/10 text-foreground" : "bg-background hover:bg-muted",
            )}
            onClick={() => {
              onToggle(reaction);
            }}
          >
            <span className="text-sm leading-none">{reaction.emoji}</span>
            <span>{reaction.count}</span>
          </button>
        );
      })}
      {onAdd && (
        <EmojiPopover
          onPick={onAdd}
          trigger={
            <Button variant="ghost" size="icon-sm" className="size-6 rounded-full" aria-label="Add a reaction">
              <SmilePlus className="size-3.5" />
            </Button>
          }
        />
      )}
    </div>
  );
}
