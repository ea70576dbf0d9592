import { useEffect, useMemo, useState } from "react";
import { MessagesSquare, WifiOff } from "lucide-react";
import { totalUnread, useChatStore } from "@/chatStore";
import { ChatClient } from "@/chat-client";
import {
  type ClientConfig,
  type Session,
  devSignIn,
  loadConfig,
  oidcManager,
  resumeDevSession,
  resumeOidcSession,
} from "@/auth/session";
import { SignIn } from "@/auth/sign-in";
import { Sidebar } from "@/rooms/sidebar";
import { ChatRoom, DMView } from "@/messages/conversation-view";
import { dmKey, parseKey, type ConversationKey } from "@/messages/model";
import { navigate, useRouting } from "@/lib/router";
import { Sheet, SheetContent, SheetTitle } from "@/components/ui/sheet";
import { TooltipProvider } from "@/components/ui/tooltip";
import { Button } from "@/components/ui/button";

type Boot =
  | { state: "loading" }
  | { state: "failed"; error: string }
  | { state: "ready"; config: ClientConfig; session: Session | null; notice?: string };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: "loading" });

  useEffect(() => {
    (async () => {
      const config = await loadConfig();
      let session: Session | null = null;
      if (config.oidc) session = await resumeOidcSession(await oidcManager(config.oidc));
      if (!session && config.devLogin) session = await resumeDevSession();
      setBoot({ state: "ready", config, session });
    })().catch((error: unknown) => {
      setBoot({ state: "failed", error: error instanceof Error ? error.message : String(error) });
    });
  }, []);

  if (boot.state === "loading")
    return (
      <BootScreen>
        <p className="text-sm text-muted-foreground">Loading…</p>
      </BootScreen>
    );
  if (boot.state === "failed")
    return (
      <BootScreen>
        <p role="alert" className="text-sm text-destructive">
          {boot.error}
        </p>
      </BootScreen>
    );
  if (!boot.session) {
    return (
      <SignIn
        config={boot.config}
        notice={boot.notice}
        onDevSignIn={async (name) => {
          setBoot({ ...boot, session: await devSignIn(name) });
        }}
        onSsoSignIn={async () => (await oidcManager(boot.config.oidc!)).signinRedirect()}
      />
    );
  }
  return (
    <Workspace
      session={boot.session}
      onSignedOut={() => {
        const ended = boot.session?.ended === true;
        setBoot({ ...boot, session: null, notice: ended ? "Your session has ended. Sign in again." : undefined });
      }}
    />
  );
}

/** The page before one can sign in: a landmark and a heading like every other screen. */
function BootScreen({ children }: { children: React.ReactNode }) {
  return (
    <main className="p-8 text-center">
      <h1 className="sr-only">Chat</h1>
      {children}
    </main>
  );
}

function ConnectionBanner() {
  const status = useChatStore((state) => state.status);
  const detail = useChatStore((state) => state.statusDetail);
  if (status === "online" || status === "stopped") return null;
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 bg-amber-100 px-3 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      <WifiOff className="size-3.5" />
      {status === "connecting"
        ? "Connecting…"
        : "Reconnecting… your messages will be sent when the connection is back."}
      {detail && <span className="hidden opacity-70 sm:inline">({detail})</span>}
    </div>
  );
}

function useAttention(): void {
  useEffect(() => {
    const update = () => {
      useChatStore.getState().setAttentive(!document.hidden && document.hasFocus());
    };
    update();
    document.addEventListener("visibilitychange", update);
    window.addEventListener("focus", update);
    window.addEventListener("blur", update);
    const typing = setInterval(() => {
      useChatStore.getState().expireTyping(Date.now());
    }, 1_000);
    return () => {
      document.removeEventListener("visibilitychange", update);
      window.removeEventListener("focus", update);
      window.removeEventListener("blur", update);
      clearInterval(typing);
    };
  }, []);
}

function useUnreadTitle(): void {
  const unread = useChatStore(totalUnread);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) chat` : "chat";
  }, [unread]);
}

function Workspace({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const client = useMemo(() => new ChatClient(session), [session]);
  const active = useChatStore((state) => state.active);
  const linkNotFound = useChatStore((state) => state.linkNotFound);
  const me = useChatStore((state) => state.me);
  const [drawerOpen, setDrawerOpen] = useState(false);
  useRouting();
  useAttention();
  useUnreadTitle();

  useEffect(() => {
    client.start(navigate);
    return () => {
      client.socket.stop();
    };
  }, [client]);

  useEffect(() => {
    if (!me) onSignedOut();
  }, [me, onSignedOut]);

  // Signed out (here or by the provider): nothing below may render without a person.
  if (!me) return null;

  const open = (key: ConversationKey) => {
    navigate(key);
    setDrawerOpen(false);
  };
  const target = active ? parseKey(active) : null;

  return (
    <TooltipProvider delayDuration={300}>
      <div className="flex h-full flex-col">
        <ConnectionBanner />
        <div className="flex min-h-0 flex-1">
          <aside className="hidden w-72 shrink-0 border-r md:block">
            <Sidebar client={client} onOpen={open} />
          </aside>
          <Sheet open={drawerOpen} onOpenChange={setDrawerOpen}>
            <SheetContent aria-describedby={undefined}>
              <SheetTitle className="sr-only">Rooms and people</SheetTitle>
              <Sidebar client={client} onOpen={open} />
            </SheetContent>
          </Sheet>
          <main className="flex min-w-0 flex-1 flex-col">
            {target?.kind === "room" && (
              <ChatRoom
                client={client}
                room={target.name}
                onOpenSidebar={() => {
                  setDrawerOpen(true);
                }}
                onLeft={() => {
                  navigate(null);
                }}
                onMessage={(user) => {
                  open(dmKey(user));
                }}
              />
            )}
            {target?.kind === "dm" && (
              <DMView
                client={client}
                user={target.name}
                onOpenSidebar={() => {
                  setDrawerOpen(true);
                }}
              />
            )}
            {!target && linkNotFound && (
              <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
                <h1 className="text-lg font-semibold">Not found</h1>
                <p className="max-w-sm text-sm text-muted-foreground">This link does not lead to a room or a person.</p>
                <Button
                  variant="outline"
                  onClick={() => {
                    navigate(null);
                  }}
                >
                  Go to the start
                </Button>
              </div>
            )}
            {!target && !linkNotFound && (
              <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
                <MessagesSquare className="size-10 text-muted-foreground" />
                <h1 className="text-lg font-semibold">Welcome, {me.name}</h1>
                <p className="max-w-sm text-sm text-muted-foreground">
                  Pick a room or a person on the left, or find a room to join.
                </p>
                <Button
                  variant="outline"
                  className="md:hidden"
                  onClick={() => {
                    setDrawerOpen(true);
                  }}
                >
                  Open rooms and people
                </Button>
              </div>
            )}
          </main>
        </div>
      </div>
    </TooltipProvider>
  );
}
