import { after, before, describe, it } from "node:test";
import {
  PHONE,
  audit,
  baseUrl,
  createRoom,
  joinByLink,
  launch,
  send,
  signIn,
  theme,
  unique,
  waitOnline,
} from "./browser.mjs";

/** Every screen and dialog, in both themes: no critical or serious axe-core violation. */
describe("accessibility, checked by axe-core", () => {
  let browser;
  let alice;
  let bob;
  const aliceName = unique("Alice ");
  const bobName = unique("Bob ");
  const room = unique("a11y-");

  /** Audits the page as it is now in the light theme and in the dark one. */
  async function auditBothThemes(page, where) {
    for (const scheme of ["light", "dark"]) {
      await theme(page, scheme);
      await audit(page, `${where} (${scheme})`);
    }
    await theme(page, "light");
  }

  /**
   * Opens a dialog with the button named `opener` and audits it as it opens, then again with its text
   * boxes filled in, which enables its actions (axe passes over disabled buttons, colours included);
   * closes it with Escape.
   */
  async function auditDialog(page, opener, where) {
    await page.getByRole("button", { name: opener, exact: true }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await auditBothThemes(page, where);
    for (const box of await dialog.getByRole("textbox").all()) {
      if ((await box.inputValue()) === "") await box.fill("a11y-check");
    }
    await auditBothThemes(page, `${where}, filled in`);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
  }

  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it("the sign-in page, filled in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByLabel("Your name").waitFor();
    await auditBothThemes(page, "sign-in");
    await page.getByLabel("Your name").fill("Ada");
    await auditBothThemes(page, "sign-in, filled in");
    await context.close();
  });

  it("the page while it loads, before the server said how to sign in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route("**/api/config", () => {}); // never answered
    await page.goto(baseUrl);
    await page.getByText("Loading…").waitFor();
    await auditBothThemes(page, "loading");
    await context.close();
  });

  it("a room with replies, reactions and mentions, and the sidebar beside it", async () => {
    alice = await signIn(browser, aliceName);
    bob = await signIn(browser, bobName);
    await auditBothThemes(alice.page, "the welcome screen");
    await createRoom(alice.page, room);
    await joinByLink(bob.page, room);
    await send(alice.page, "Release notes are in the wiki");
    await send(bob.page, "@room thanks, **reading** them now");
    const notes = bob.page.locator("article", {
      has: bob.page.locator(".message-body", { hasText: "Release notes" }),
    });
    await notes.hover();
    await notes.getByRole("button", { name: "Reply" }).click();
    await send(bob.page, "Which page?");
    await alice.page.locator(".message-body", { hasText: "Which page?" }).waitFor();
    await auditBothThemes(alice.page, "a room");
    await alice.page.getByRole("main").getByRole("button", { name: bobName, exact: true }).first().click();
    await alice.page.getByRole("dialog", { name: `About ${bobName}` }).waitFor();
    await auditBothThemes(alice.page, "a person's card");
    await alice.page.keyboard.press("Escape");
  });

  it("the dialogs", async () => {
    await auditDialog(alice.page, "Browse rooms", "browse rooms");
    await auditDialog(alice.page, "Create a room", "create a room");
    await auditDialog(alice.page, "Members", "members");
    // Invitations are to private rooms.
    await alice.page.getByRole("button", { name: "Create a room" }).click();
    await alice.page.getByLabel("Name").fill(`${room}-private`);
    await alice.page.getByRole("switch").click();
    await alice.page.getByRole("button", { name: "Create", exact: true }).click();
    await alice.page.getByRole("heading", { name: `${room}-private` }).waitFor();
    await auditDialog(alice.page, "Invite people", "invite");
    await auditDialog(alice.page, "New message", "new message");
    await auditDialog(alice.page, "Mentions", "mentions");
    await alice.page.getByRole("button", { name: "Search messages" }).click();
    await alice.page.getByRole("textbox", { name: "Search messages" }).fill("release");
    await alice.page.getByRole("list", { name: "Messages found" }).getByRole("button").first().waitFor();
    await auditBothThemes(alice.page, "search with results");
    await alice.page.keyboard.press("Escape");
  });

  it("a direct conversation", async () => {
    await alice.page.goto(`${baseUrl}dm/${encodeURIComponent(await userId(bob.page))}`);
    await waitOnline(alice.page);
    await send(alice.page, "a word in private");
    await alice.page.locator(".message-body", { hasText: "a word in private" }).waitFor();
    await auditBothThemes(alice.page, "a direct conversation");
  });

  it("on a phone: the room and the drawer of rooms and people", async () => {
    const phone = await signIn(browser, aliceName, PHONE);
    await phone.page.goto(`${baseUrl}rooms/${room}`);
    await waitOnline(phone.page);
    await phone.page.locator(".message-body", { hasText: "Which page?" }).waitFor();
    await auditBothThemes(phone.page, "a room on a phone");
    await phone.page.getByRole("button", { name: "Open rooms and people" }).click();
    await phone.page.getByRole("dialog").waitFor();
    await auditBothThemes(phone.page, "the drawer on a phone");
    await phone.context.close();
  });
});

/** The id a signed-in page shows under its name in the sidebar ("@id"). */
async function userId(page) {
  const handle = await page
    .getByRole("navigation", { name: "Rooms and people" })
    .locator("p", { hasText: /^@/ })
    .first()
    .textContent();
  return handle.slice(1);
}
