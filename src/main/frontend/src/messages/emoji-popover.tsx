import { lazy, type ReactNode, Suspense, useState } from "react";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

// The picker and its code load on first use, keeping them out of the initial bundle.
const EmojiPanel = lazy(() => import("./emoji-panel"));

/** A button that opens the emoji picker; picking one closes it. */
export function EmojiPopover({
  trigger,
  onPick,
  onOpenChange,
}: {
  trigger: ReactNode;
  onPick: (emoji: string) => void;
  onOpenChange?: (open: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange?.(next);
  };
  return (
    <Popover open={open} onOpenChange={change}>
      <PopoverTrigger asChild>{trigger}</PopoverTrigger>
      <PopoverContent className="w-auto">
        <Suspense
          fallback={
            <p className="flex h-80 w-72 items-center justify-center text-sm text-muted-foreground">Loading…</p>
          }
        >
          <EmojiPanel
            onPick={(emoji) => {
              onPick(emoji);
              change(false);
            }}
          />
        </Suspense>
      </PopoverContent>
    </Popover>
  );
}
