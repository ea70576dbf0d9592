// Single sign-on through a real Keycloak (started by KeycloakBrowserIT with the realm of
// src/test/resources/keycloak): people sign in on Keycloak's own form, chat, stay connected while
// their 30-second access tokens are renewed, see a revoked session end, and sign out for real.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, createRoom, joinByLink, launch, send, unique, waitOnline } from "../browser.mjs";

const keycloak = process.env.KEYCLOAK_URL;
const realm = process.env.KEYCLOAK_REALM ?? "acme";
/** accessTokenLifespan of the test realm. */
const TOKEN_LIFETIME_MS = 30_000;

/** A person in their own browser context, signed in as a person does: the button, Keycloak's form. */
async function signInThroughKeycloak(browser, username, password) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  const person = { context, page, sockets: [], framesSent: [], errors: [] };
  page.on("pageerror", (error) => person.errors.push(error));
  page.on("websocket", (socket) => {
    person.sockets.push(socket);
    socket.on("framesent", (frame) => person.framesSent.push(String(frame.payload)));
  });
  await page.goto(baseUrl);
  await page.getByRole("button", { name: "Sign in with your company account" }).click();
  await page.waitForURL((url) => url.toString().startsWith(keycloak));
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("#kc-login").click();
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  await waitOnline(page);
  return person;
}

/** Ends every Keycloak session of a person, as an administrator (or a sign-out elsewhere) does. */
async function endSessionsOf(username) {
  const token = await fetch(`${keycloak}/realms/master/protocol/openid-connect/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: "admin", password: "admin" }),
  }).then((response) => response.json());
  const admin = { Authorization: `Bearer ${token.access_token}` };
  const [user] = await fetch(`${keycloak}/admin/realms/${realm}/users?exact=true&username=${username}`, {
    headers: admin,
  }).then((response) => response.json());
  const ended = await fetch(`${keycloak}/admin/realms/${realm}/users/${user.id}/logout`, {
    method: "POST",
    headers: admin,
  });
  assert.equal(ended.status, 204, "Keycloak ended the sessions");
}

const authFrames = (person) => person.framesSent.filter((payload) => payload.includes('"type":"auth"')).length;

describe("signing in through Keycloak", () => {
  let browser;
  let alice;
  let bob;
  const room = unique("sso-");

  before(async () => {
    browser = await launch();
    alice = await signInThroughKeycloak(browser, "alice", "alice-secret-1");
    bob = await signInThroughKeycloak(browser, "bob", "bob-secret-1");
  });

  after(async () => {
    await browser?.close();
  });

  it("lands signed in under the name Keycloak holds, with no code or token left in the address bar or localStorage", async () => {
    await alice.page.getByRole("heading", { name: "Welcome, Alice Archer" }).waitFor();
    const landed = new URL(alice.page.url());
    assert.equal(landed.search, "", "the code and state are gone from the address bar");
    assert.equal(landed.pathname, "/");
    const local = await alice.page.evaluate(() => JSON.stringify(window.localStorage));
    assert.ok(!/token|oidc/i.test(local), `nothing of the sign-in in localStorage: ${local}`);
    const session = await alice.page.evaluate(() => JSON.stringify(window.sessionStorage));
    assert.ok(session.includes("access_token"), "the tokens live in this tab's sessionStorage");
    assert.deepEqual(alice.errors, []);
  });

  it("the socket takes Keycloak's access token and refuses its ID token", async () => {
    const opens = await alice.page.evaluate(async () => {
      const stored = Object.keys(window.sessionStorage).find((key) => key.startsWith("oidc.user:"));
      const { access_token, id_token } = JSON.parse(window.sessionStorage.getItem(stored));
      const url = new URL("ws", document.baseURI);
      url.protocol = url.protocol.replace("http", "ws");
      const tryToken = (token) =>
        new Promise((resolve) => {
          const socket = new WebSocket(url, ["chat.v1", `bearer.${token}`]);
          socket.onopen = () => {
            socket.close();
            resolve(true);
          };
          socket.onerror = () => resolve(false);
        });
      return { access: await tryToken(access_token), id: await tryToken(id_token) };
    });
    assert.deepEqual(opens, { access: true, id: false });
  });

  it("two people signed in through Keycloak chat with each other", async () => {
    await createRoom(alice.page, room);
    await joinByLink(bob.page, room);
    await send(alice.page, "Signed in through the company account");
    await bob.page.locator(".message-body", { hasText: "Signed in through the company account" }).waitFor();
  });

  it("people stay connected across several token lifetimes while a revoked session ends within one", async () => {
    const carol = await signInThroughKeycloak(browser, "carol", "carol-secret-1");
    const aliceSockets = alice.sockets.length;
    const bobSockets = bob.sockets.length;
    await endSessionsOf("carol");
    const revokedAt = Date.now();
    let carolSignedOutAfter = null;
    const lifetimes = 3.3;
    for (let round = 0; Date.now() - revokedAt < lifetimes * TOKEN_LIFETIME_MS; round++) {
      const text = `round ${round} at ${Date.now() - revokedAt} ms`;
      await send(alice.page, text);
      await bob.page.locator(".message-body", { hasText: text }).waitFor({ timeout: 15_000 });
      await send(bob.page, `ack ${text}`);
      await alice.page.locator(".message-body", { hasText: `ack ${text}` }).waitFor({ timeout: 15_000 });
      if (carolSignedOutAfter === null && (await carol.page.getByText("Your session has ended").count()) > 0) {
        carolSignedOutAfter = Date.now() - revokedAt;
      }
      await alice.page.waitForTimeout(10_000);
    }
    console.log(
      `# ${lifetimes} token lifetimes: alice renewed ${authFrames(alice)} times, bob ${authFrames(bob)}; ` +
        `carol's revoked session ended after ${carolSignedOutAfter} ms`,
    );
    assert.equal(alice.sockets.length, aliceSockets, "alice's connection was never closed (no 4001, no reconnect)");
    assert.equal(bob.sockets.length, bobSockets, "bob's connection was never closed");
    assert.ok(
      authFrames(alice) >= 3,
      `alice's renewed tokens reached her connection (${authFrames(alice)} auth frames)`,
    );
    assert.ok(authFrames(bob) >= 3, `bob's renewed tokens reached his connection (${authFrames(bob)} auth frames)`);
    assert.ok(
      carolSignedOutAfter !== null && carolSignedOutAfter <= TOKEN_LIFETIME_MS + 20_000,
      `carol saw her session end within a token lifetime (after ${carolSignedOutAfter} ms)`,
    );
    await carol.page.getByRole("button", { name: "Sign in with your company account" }).waitFor();
    assert.ok(carol.sockets.length <= 2, `no reconnect loop after the session ended (${carol.sockets.length} sockets)`);
    await carol.context.close();
  });

  it("signing out ends the Keycloak session too, with the ID token in a form body, and the back button does not bring it back", async () => {
    const addresses = [];
    alice.page.on("request", (request) => addresses.push({ url: request.url(), body: request.postData() ?? "" }));
    await alice.page.getByRole("button", { name: "Sign out" }).click();
    await alice.page.getByRole("button", { name: "Sign in with your company account" }).waitFor();
    const stored = await alice.page.evaluate(() =>
      JSON.stringify({ ...window.sessionStorage, ...window.localStorage }),
    );
    assert.ok(!stored.includes("access_token"), `no token is left behind: ${stored}`);
    const logout = addresses.find((request) => request.url.includes("/protocol/openid-connect/logout"));
    assert.ok(logout, "the sign-out went to Keycloak");
    assert.ok(logout.body.includes("id_token_hint="), "with the ID token as hint, in the form body");
    assert.ok(
      addresses.every((request) => !request.url.includes("id_token_hint")),
      "no address ever carried the ID token",
    );

    await alice.page.goBack();
    await alice.page.waitForTimeout(2_000);
    assert.equal(await alice.page.getByRole("heading", { name: /^Welcome/ }).count(), 0, "back does not sign in");

    await alice.page.goto(baseUrl);
    await alice.page.getByRole("button", { name: "Sign in with your company account" }).click();
    await alice.page.waitForURL((url) => url.toString().startsWith(keycloak));
    await alice.page.locator("#password").waitFor();
    assert.ok(await alice.page.locator("#password").isVisible(), "Keycloak asks for the password again");
  });
});
