import { cn } from "@/lib/class-names";

/** Dark enough for white initials to keep a contrast of 4.5:1 or more (WCAG AA for small text). */
const PALETTE = [
  "bg-rose-700",
  "bg-amber-700",
  "bg-emerald-700",
  "bg-sky-700",
  "bg-violet-700",
  "bg-fuchsia-700",
  "bg-teal-700",
  "bg-orange-700",
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
      {/* Drawn, not written: the initials are decoration, and as text they would be part of what a
          button holding the avatar shows, which its name must then contain (WCAG 2.5.3). */}
      <span className="before:content-[attr(data-initials)]" data-initials={initials || "?"} />
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
