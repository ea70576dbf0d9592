import { describe, expect, it, vi } from "vitest";
import type { User, UserManager } from "oidc-client-ts";
import { resumeOidcSession } from "./session";

/** What the session uses of oidc-client-ts's UserManager, with the renewal outcome under the test's control. */
function fakeProvider(renewal: () => Promise<User | null>) {
  let renewError: ((error: Error) => void) | undefined;
  const user = {
    access_token: "first",
    id_token: "id",
    expired: false,
    profile: { sub: "u-1", name: "Alice Archer" },
  } as unknown as User;
  const removeUser = vi.fn(() => Promise.resolve());
  const manager = {
    getUser: () => Promise.resolve(user),
    events: {
      addUserLoaded: () => undefined,
      addSilentRenewError: (listener: (error: Error) => void) => {
        renewError = listener;
      },
    },
    signinSilent: renewal,
    stopSilentRenew: vi.fn(),
    removeUser,
    revokeTokens: vi.fn(() => Promise.resolve()),
    metadataService: { getEndSessionEndpoint: () => Promise.resolve("https://sso.example/logout") },
    settings: { client_id: "chat-web", post_logout_redirect_uri: "https://chat.example/" },
  } as unknown as UserManager;
  return { manager, removeUser, failRenewal: (error: Error) => renewError?.(error) };
}

/** An OAuth error answer, as oidc-client-ts's ErrorResponse carries it. */
const refused = (code: string) => Object.assign(new Error(code), { error: code });

describe("a session with the company's provider", () => {
  it("takes the person's name and id from the provider's profile", async () => {
    const session = await resumeOidcSession(fakeProvider(() => Promise.resolve(null)).manager);
    expect(session?.me).toEqual({ id: "u-1", name: "Alice Archer" });
  });

  it("ends, forgets the tokens and says so when the provider refuses a renewal", async () => {
    const { manager, removeUser, failRenewal } = fakeProvider(() => Promise.resolve(null));
    const session = (await resumeOidcSession(manager))!;
    const ended = vi.fn();
    session.onEnded(ended);
    failRenewal(refused("invalid_grant"));
    expect(session.ended).toBe(true);
    expect(ended).toHaveBeenCalledOnce();
    expect(removeUser).toHaveBeenCalled();
    await expect(session.token(false)).rejects.toThrow(/sign in again/);
  });

  it("keeps going when a renewal fails for want of a network", async () => {
    const { manager, failRenewal } = fakeProvider(() => Promise.resolve(null));
    const session = (await resumeOidcSession(manager))!;
    failRenewal(new TypeError("Failed to fetch"));
    expect(session.ended).toBe(false);
    expect(await session.token(false)).toBe("first");
  });

  it("ends when a fresh token is refused while reconnecting", async () => {
    const { manager } = fakeProvider(() => Promise.reject(refused("login_required")));
    const session = (await resumeOidcSession(manager))!;
    await expect(session.token(true)).rejects.toThrow("login_required");
    expect(session.ended).toBe(true);
  });

  it("signs out at the provider with the ID token in a POSTed form, never in an address", async () => {
    const { manager, removeUser } = fakeProvider(() => Promise.resolve(null));
    const session = await resumeOidcSession(manager);
    const posted: { action: string; method: string; fields: Record<string, string> }[] = [];
    const submit = vi.spyOn(HTMLFormElement.prototype, "submit").mockImplementation(function (this: HTMLFormElement) {
      posted.push({
        action: this.action,
        method: this.method,
        fields: Object.fromEntries(
          Array.from(this.elements, (input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]),
        ),
      });
    });
    await session!.signOut();
    expect(posted).toEqual([
      {
        action: "https://sso.example/logout",
        method: "post",
        fields: { id_token_hint: "id", client_id: "chat-web", post_logout_redirect_uri: "https://chat.example/" },
      },
    ]);
    expect(removeUser).toHaveBeenCalled();
    submit.mockRestore();
  });
});
