import { cn } from "@/lib/class-names";

const PALETTE = [
  "bg-rose-500",
  "bg-amber-500",
  "bg-emerald-500",
  "bg-sky-500",
  "bg-violet-500",
  "bg-fuchsia-500",
  "bg-teal-500",
  "bg-orange-500",
];

function colourOf(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

/** Initials on a colour derived from the user id: stable, and no image to fetch. */
export function Avatar({
  id,
  name,
  online,
  className,
}: {
  id: string;
  name: string;
  online?: boolean;
  className?: string;
}) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
  return (
    <span
      className={cn(
        "relative inline-flex size-8 shrink-0 select-none items-center justify-center rounded-md text-xs font-semibold text-white",
        colourOf(id),
        className,
      )}
      aria-hidden="true"
    >
      {initials || "?"}
      {online !== undefined && (
        <span
          className={cn(
            "absolute -bottom-0.5 -right-0.5 size-3 rounded-full border-2 border-sidebar",
            online ? "bg-emerald-500" : "bg-zinc-400",
          )}
        />
      )}
    </span>
  );
}
