import type { ReactNode } from "react";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * One message in a list of messages found elsewhere (search results, mentions): who wrote it, where
 * and when, above what it says; choosing it opens it in its conversation.
 */
export function FoundMessage({
  author,
  where,
  timestamp,
  onChoose,
  children,
}: {
  author: string;
  where: string;
  timestamp: string;
  onChoose: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="w-full rounded-md px-2 py-1.5 text-left hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
      onClick={onChoose}
    >
      <span className="flex items-baseline gap-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{author}</span>
        <span>{where}</span>
        <time className="ml-auto" dateTime={timestamp}>
          {timeFormat.format(new Date(timestamp))}
        </time>
      </span>
      {children}
    </button>
  );
}
