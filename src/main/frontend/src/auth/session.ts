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
  /** Called once if the provider ends the session (signed out elsewhere, revoked): sign in again. */
  onEnded(listener: () => void): void;
  /** True once the provider ended the session. */
  readonly ended: boolean;
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
  /** The server issues dev tokens to anyone: nothing ends a dev session but signing out. */
  readonly ended = false;

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

  onEnded(): void {
    // never ends by itself
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

/**
 * The provider refused to renew (the refresh token was revoked, the person signed out elsewhere, the
 * session expired there): an OAuth error answer, as opposed to a network failure worth retrying.
 */
function refusedByProvider(error: unknown): boolean {
  return typeof error === "object" && error !== null && typeof (error as { error?: unknown }).error === "string";
}

/**
 * Sign-in with the company's OpenID Connect provider: authorization code flow with PKCE. Tokens are
 * renewed before they expire (by refresh token, or in a hidden frame where the provider gives none)
 * and each renewed token is handed to the open connection.
 */
class OidcSession implements Session {
  private renewedListeners: ((token: string) => void)[] = [];
  private endedListeners: (() => void)[] = [];
  private hasEnded = false;

  constructor(
    private readonly manager: UserManager,
    private user: User,
  ) {
    manager.events.addUserLoaded((renewed) => {
      this.user = renewed;
      this.renewedListeners.forEach((listener) => {
        listener(renewed.access_token);
      });
    });
    manager.events.addSilentRenewError((error) => {
      if (refusedByProvider(error)) this.end();
    });
  }

  get me(): Me {
    const profile = this.user.profile;
    const name = profile.name ?? profile.preferred_username ?? (profile["upn"] as string | undefined) ?? profile.sub;
    return { id: profile.sub, name };
  }

  get ended(): boolean {
    return this.hasEnded;
  }

  async token(fresh: boolean): Promise<string> {
    if (this.hasEnded) throw new Error("the session has ended: sign in again");
    if (fresh || this.user.expired) {
      try {
        const renewed = await this.manager.signinSilent();
        if (renewed) this.user = renewed;
      } catch (error) {
        if (refusedByProvider(error)) this.end();
        throw error;
      }
    }
    return this.user.access_token;
  }

  onRenewed(listener: (token: string) => void): void {
    this.renewedListeners.push(listener);
  }

  onEnded(listener: () => void): void {
    this.endedListeners.push(listener);
  }

  /**
   * Ends the provider's session too (RP-initiated logout with the ID token as hint), then comes back
   * signed out. The hint goes in a form POST, which OpenID Connect RP-Initiated Logout 1.0 lets every
   * provider accept: in a redirect's address it would stay in the browser's history and in the
   * provider's and proxies' access logs.
   */
  async signOut(): Promise<void> {
    this.manager.stopSilentRenew();
    const idToken = this.user.id_token;
    const endpoint = await this.manager.metadataService.getEndSessionEndpoint();
    await this.manager.revokeTokens().catch(() => undefined); // the provider's session ends all the same
    await this.manager.removeUser();
    const home = this.manager.settings.post_logout_redirect_uri ?? appUrl("").toString();
    if (!endpoint) {
      window.location.assign(home);
      return;
    }
    submitForm(endpoint, {
      ...(idToken ? { id_token_hint: idToken } : {}),
      client_id: this.manager.settings.client_id,
      post_logout_redirect_uri: home,
    });
  }

  private end(): void {
    if (this.hasEnded) return;
    this.hasEnded = true;
    this.manager.stopSilentRenew();
    void this.manager.removeUser();
    this.endedListeners.forEach((listener) => {
      listener();
    });
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
    // Renew 20 s before expiry: a third of a one-minute token's life, most of a long one's.
    accessTokenExpiringNotificationTimeInSeconds: 20,
    // Tokens and the PKCE state live for this tab only, never in localStorage.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    revokeTokensOnSignout: true,
  });
}

/** Inside the hidden frame of a silent renewal: hands the answer to the page that opened it. */
export function isSilentRenewalFrame(): boolean {
  return window.parent !== window && window.location.pathname.endsWith("/auth/callback");
}

/** Finishes a redirect back from the provider, or picks up a session from earlier in this tab. */
export async function resumeOidcSession(manager: UserManager): Promise<Session | null> {
  if (window.location.pathname.endsWith("/auth/callback")) {
    try {
      const user = await manager.signinRedirectCallback();
      return new OidcSession(manager, user);
    } finally {
      // The code and state never stay in the address bar or the history, whatever happened.
      window.history.replaceState(null, "", appUrl("").pathname);
    }
  }
  const user = await manager.getUser();
  return user && !user.expired ? new OidcSession(manager, user) : null;
}

/** Navigates by posting these fields to `action`, as a form the person submitted would. */
export function submitForm(action: string, fields: Record<string, string>): void {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}
