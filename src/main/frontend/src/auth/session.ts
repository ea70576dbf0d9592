import type { User, UserManager } from "oidc-client-ts";
import type { Me } from "@/chatStore";
import { appUrl } from "@/lib/base-url";

/** What the server tells the client about signing in (GET api/config). */
export interface ClientConfig {
  devLogin: boolean;
  oidc: { authority: string; clientId: string; scope: string } | null;
}

export async function loadConfig(): Promise<ClientConfig> {
  const response = await fetch(appUrl("api/config"));
  if (!response.ok) throw new Error(`cannot load the configuration (${response.status})`);
  return (await response.json()) as ClientConfig;
}

/** A signed-in person and a way to get their current token. */
export interface Session {
  readonly me: Me;
  /** The token to connect with; `fresh` when the last one was refused as expired. */
  token(fresh: boolean): Promise<string>;
  /** Called with each renewed token, to hand it to the open connection. */
  onRenewed(listener: (token: string) => void): void;
  signOut(): Promise<void>;
}

const DEV_STORAGE_KEY = "chat.dev-login";
/** Renew this long before expiry, so the connection never sees its token expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

interface DevToken {
  token: string;
  user: { id: string; name: string };
  expires_at: string;
}

async function issueDevToken(name: string, user?: string): Promise<DevToken> {
  const response = await fetch(appUrl("api/dev/token"), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(user ? { name, user } : { name }),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<DevToken> & { error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `sign-in failed (${response.status})`);
  return body as DevToken;
}

/** Sign-in without an SSO, when the server has dev login on. */
class DevSession implements Session {
  private listeners: ((token: string) => void)[] = [];
  private renewal: ReturnType<typeof setTimeout> | null = null;

  constructor(private current: DevToken) {
    this.scheduleRenewal();
  }

  get me(): Me {
    return this.current.user;
  }

  async token(fresh: boolean): Promise<string> {
    if (fresh || Date.parse(this.current.expires_at) - Date.now() < 60_000) await this.renew();
    return this.current.token;
  }

  onRenewed(listener: (token: string) => void): void {
    this.listeners.push(listener);
  }

  signOut(): Promise<void> {
    if (this.renewal) clearTimeout(this.renewal);
    localStorage.removeItem(DEV_STORAGE_KEY);
    return Promise.resolve();
  }

  private async renew(): Promise<void> {
    this.current = await issueDevToken(this.current.user.name, this.current.user.id);
    this.scheduleRenewal();
    this.listeners.forEach((listener) => {
      listener(this.current.token);
    });
  }

  private scheduleRenewal(): void {
    if (this.renewal) clearTimeout(this.renewal);
    const wait = Math.max(10_000, Date.parse(this.current.expires_at) - Date.now() - RENEW_BEFORE_MS);
    this.renewal = setTimeout(
      () =>
        void this.renew().catch(() => {
          this.scheduleRenewal();
        }),
      wait,
    );
  }
}

export async function devSignIn(name: string): Promise<Session> {
  const issued = await issueDevToken(name);
  localStorage.setItem(DEV_STORAGE_KEY, JSON.stringify({ name: issued.user.name, user: issued.user.id }));
  return new DevSession(issued);
}

/** A dev sign-in from an earlier visit: the same person gets a new token. */
export async function resumeDevSession(): Promise<Session | null> {
  const saved = localStorage.getItem(DEV_STORAGE_KEY);
  if (!saved) return null;
  try {
    const { name, user } = JSON.parse(saved) as { name: string; user: string };
    return new DevSession(await issueDevToken(name, user));
  } catch {
    localStorage.removeItem(DEV_STORAGE_KEY);
    return null;
  }
}

/** Sign-in with the company's OpenID Connect provider: authorization code flow with PKCE. */
class OidcSession implements Session {
  private listeners: ((token: string) => void)[] = [];

  constructor(
    private readonly manager: UserManager,
    private user: User,
  ) {
    manager.events.addUserLoaded((renewed) => {
      this.user = renewed;
      this.listeners.forEach((listener) => {
        listener(renewed.access_token);
      });
    });
  }

  get me(): Me {
    const profile = this.user.profile;
    const name = profile.name ?? profile.preferred_username ?? (profile["upn"] as string | undefined) ?? profile.sub;
    return { id: profile.sub, name };
  }

  async token(fresh: boolean): Promise<string> {
    if (fresh || this.user.expired) {
      const renewed = await this.manager.signinSilent();
      if (renewed) this.user = renewed;
    }
    return this.user.access_token;
  }

  onRenewed(listener: (token: string) => void): void {
    this.listeners.push(listener);
  }

  async signOut(): Promise<void> {
    await this.manager.removeUser();
  }
}

/** oidc-client-ts is loaded only where an OpenID Connect provider is configured. */
export async function oidcManager(config: NonNullable<ClientConfig["oidc"]>): Promise<UserManager> {
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: appUrl("auth/callback").toString(),
    silent_redirect_uri: appUrl("auth/callback").toString(),
    post_logout_redirect_uri: appUrl("").toString(),
    response_type: "code",
    scope: config.scope,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** Finishes a redirect back from the provider, or picks up a session from earlier in this tab. */
export async function resumeOidcSession(manager: UserManager): Promise<Session | null> {
  if (window.location.pathname.endsWith("/auth/callback")) {
    const user = await manager.signinRedirectCallback();
    window.history.replaceState(null, "", appUrl("").pathname);
    return new OidcSession(manager, user);
  }
  const user = await manager.getUser();
  return user && !user.expired ? new OidcSession(manager, user) : null;
}
