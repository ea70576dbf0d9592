import { cn } from "@/lib/class-names";

/** A failure to show under a form or list, announced to screen readers; nothing without one. */
export function ErrorText({ error, className }: { error: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={cn("text-sm text-destructive", className)}>
      {error}
    </p>
  );
}
