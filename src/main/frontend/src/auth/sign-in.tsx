import { useState } from "react";
import { LogIn, MessagesSquare } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useAction } from "@/lib/use-action";
import type { ClientConfig } from "./session";

interface SignInProps {
  config: ClientConfig;
  /** Why the person sees this page again, e.g. their session ended at the provider. */
  notice?: string | undefined;
  onDevSignIn: (name: string) => Promise<void>;
  onSsoSignIn: () => Promise<void>;
}

export function SignIn({ config, notice, onDevSignIn, onSsoSignIn }: SignInProps) {
  const [name, setName] = useState("");
  const { error, busy, run } = useAction();

  return (
    <main className="flex min-h-full items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl border bg-background p-8 shadow-sm">
        <div className="flex items-center gap-3">
          <span className="flex size-10 items-center justify-center rounded-lg bg-primary text-primary-foreground">
            <MessagesSquare className="size-5" />
          </span>
          <div>
            <h1 className="text-xl font-semibold">Sign in to chat</h1>
            <p className="text-sm text-muted-foreground">Rooms and direct messages for your team.</p>
          </div>
        </div>
        {notice && (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {notice}
          </p>
        )}
        {config.oidc && (
          <Button className="w-full" disabled={busy} onClick={() => void run(onSsoSignIn)}>
            <LogIn /> Sign in with your company account
          </Button>
        )}
        {config.devLogin && (
          <form
            className="space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              if (name.trim()) void run(() => onDevSignIn(name.trim()));
            }}
          >
            <div className="space-y-1.5">
              <Label htmlFor="dev-name">Your name</Label>
              <Input
                id="dev-name"
                autoFocus
                autoComplete="name"
                placeholder="Ada Lovelace"
                value={name}
                maxLength={64}
                onChange={(event) => {
                  setName(event.target.value);
                }}
              />
            </div>
            <Button
              type="submit"
              variant={config.oidc ? "outline" : "default"}
              className="w-full"
              disabled={busy || !name.trim()}
            >
              Continue
            </Button>
            <p className="text-xs text-muted-foreground">
              Dev login is on: anyone can sign in as anyone. For trials only.
            </p>
          </form>
        )}
        {!config.oidc && !config.devLogin && (
          <p className="text-sm text-muted-foreground">No sign-in method is configured on this server.</p>
        )}
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
