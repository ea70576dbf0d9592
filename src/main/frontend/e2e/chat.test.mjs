import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  PHONE,
  baseUrl,
  controlServer,
  createRoom,
  joinByLink,
  launch,
  screenshot,
  send,
  signIn,
  unique,
  waitOnline,
} from "./browser.mjs";

describe("two people chatting in the browser", () => {
  let browser;
  let alice;
  let bob;
  const aliceName = unique("Alice ");
  const bobName = unique("Bob ");
  const room = unique("e2e-");

  before(async () => {
    browser = await launch();
    alice = await signIn(browser, aliceName);
    bob = await signIn(browser, bobName);
  });

  after(async () => {
    await browser?.close();
  });

  it("they create and join a room and see each other's messages", async () => {
    await createRoom(alice.page, room);
    await joinByLink(bob.page, room);

    await send(alice.page, "Hello **Bob**, welcome to the room :)");
    const greeting = bob.page.locator(".message-body", { hasText: "Hello Bob, welcome to the room" });
    await greeting.waitFor();
    assert.equal(await greeting.locator("strong").textContent(), "Bob");

    await send(bob.page, "Thanks! Here is `code` and a [link](https://example.com)");
    const reply = alice.page.locator(".message-body", { hasText: "Thanks! Here is" });
    await reply.waitFor();
    // Bob is nobody Alice has talked with or listed: his name comes with his message.
    await alice.page.locator("article", { has: reply }).getByText(bobName).waitFor();
    assert.equal(await reply.locator("a").getAttribute("rel"), "noopener noreferrer");
    assert.equal(await reply.locator("a").getAttribute("target"), "_blank");
    await screenshot(alice.page, "room-desktop");
  });

  it("two people of one name are told apart, and a name opens who someone really is", async () => {
    const twinName = unique("Sam Twin ");
    const ids = [unique("sam-one-"), unique("sam-two-")];
    // Two different people who chose the same display name post in the room, as any client would.
    await alice.page.evaluate(
      async ({ name, users, target }) => {
        for (const user of users) {
          const { token } = await (
            await fetch("api/dev/token", {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ name, user }),
            })
          ).json();
          const url = new URL("ws", document.baseURI);
          url.protocol = url.protocol.replace("http", "ws");
          const socket = new WebSocket(url, ["chat.v1", `bearer.${token}`]);
          await new Promise((resolve) => (socket.onopen = resolve));
          const acked = new Promise((resolve) => {
            socket.onmessage = (event) => {
              if (JSON.parse(event.data).type === "ack") resolve();
            };
          });
          socket.send(JSON.stringify({ type: "join", room: target }));
          socket.send(JSON.stringify({ type: "message", room: target, content: `hello from ${user}` }));
          await acked;
          socket.close();
        }
      },
      { name: twinName, users: ids, target: room },
    );
    for (const id of ids) {
      const article = alice.page.locator("article", { hasText: `hello from ${id}` });
      // The name alone would not tell them apart: each shows who it is.
      await article
        .getByRole("button", { name: new RegExp(`^${twinName}\\s*\\(not to be confused`) })
        .getByText(`(dev:${id})`)
        .waitFor();
    }
    await alice.page
      .locator("article", { hasText: `hello from ${ids[0]}` })
      .getByRole("button", { name: twinName })
      .click();
    const card = alice.page.getByRole("dialog", { name: `About ${twinName}` });
    await card.getByText(`dev:${ids[0]}`).waitFor();
    await card.getByText("not in the directory").waitFor();
    await alice.page.keyboard.press("Escape");
    // Bob's name is his alone: no mark.
    const bobs = alice.page.locator("article", { hasText: "Thanks! Here is" });
    assert.equal(await bobs.getByText("not to be confused").count(), 0);
  });

  it("an author fixes one message and deletes another, and the other person sees both at once", async () => {
    await send(alice.page, "Meeting at 10 in teh big room");
    await send(alice.page, "Wrong room, ignore me");
    await bob.page.locator(".message-body", { hasText: "Wrong room, ignore me" }).waitFor();
    const own = (text) =>
      alice.page.locator("article", { has: alice.page.locator(".message-body", { hasText: text }) });

    await own("teh big room").hover();
    await own("teh big room").getByRole("button", { name: "Edit message" }).click();
    const box = alice.page.getByRole("textbox", { name: "Edit message" });
    await box.fill("Meeting at 10 in the big room");
    await screenshot(alice.page, "editing-a-message");
    await box.press("Enter");
    const fixed = bob.page.locator("article", {
      has: bob.page.locator(".message-body", { hasText: "Meeting at 10 in the big room" }),
    });
    await fixed.getByText("(edited)").waitFor();
    assert.equal(await bob.page.locator(".message-body", { hasText: "teh big room" }).count(), 0);

    await own("Wrong room, ignore me").hover();
    await own("Wrong room, ignore me").getByRole("button", { name: "Delete message" }).click();
    await alice.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await bob.page.getByText("This message was deleted.").waitFor();
    assert.equal(await bob.page.locator(".message-body", { hasText: "Wrong room" }).count(), 0);
    assert.equal(
      await bob.page
        .locator("article", { hasText: "Meeting at 10" })
        .getByRole("button", { name: "Edit message" })
        .count(),
      0,
      "nobody but the author is offered to edit",
    );
    await screenshot(bob.page, "edited-and-deleted");
  });

  it("they react to a message and answer it, and the quote leads back to the original", async () => {
    await send(alice.page, "Who is in for pizza on Friday?");
    const question = (page) =>
      page.locator("article", { has: page.locator(".message-body", { hasText: "pizza on Friday" }) });
    await question(bob.page).hover();
    await question(bob.page).getByRole("button", { name: "Add a reaction" }).click();
    await bob.page.getByPlaceholder("Search emoji").fill("pizza");
    await bob.page.getByRole("gridcell", { name: "Pizza", exact: true }).click();

    const pizza = (page) => question(page).getByRole("button", { name: /^🍕 / });
    await question(alice.page)
      .getByRole("button", { name: /^🍕 1, from / })
      .waitFor();
    await pizza(alice.page).click();
    await question(bob.page)
      .getByRole("button", {
        name: /^🍕 2, from you and /,
      })
      .waitFor();
    assert.equal(await pizza(alice.page).getAttribute("aria-pressed"), "true");

    await question(bob.page).hover();
    await question(bob.page).getByRole("button", { name: "Reply" }).click();
    await bob.page.getByRole("button", { name: "Cancel reply" }).waitFor();
    await send(bob.page, "Count me in");
    const answer = alice.page.locator("article", {
      has: alice.page.locator(".message-body", { hasText: "Count me in" }),
    });
    const quote = answer.getByRole("button", { name: /^Replying to .* Who is in for pizza/ });
    await quote.waitFor();
    await screenshot(alice.page, "reactions-and-replies");

    await quote.click();
    await alice.page.waitForFunction(() =>
      [...document.querySelectorAll("article")].some(
        (article) => article.textContent.includes("pizza on Friday") && article.className.includes("bg-primary/10"),
      ),
    );
  });

  it("a message is found by its words and opened at its place in the conversation", async () => {
    await alice.page.getByRole("button", { name: "Search messages" }).click();
    await alice.page.getByRole("textbox", { name: "Search messages" }).fill("pizza friday");
    const found = alice.page.getByRole("list", { name: "Messages found" }).getByRole("button").first();
    await found.locator("mark", { hasText: "pizza" }).waitFor();
    await screenshot(alice.page, "search");
    await found.click();
    await alice.page.waitForFunction(() =>
      [...document.querySelectorAll("article")].some(
        (article) => article.textContent.includes("pizza on Friday") && article.className.includes("bg-primary/10"),
      ),
    );
  });

  it("someone is mentioned through completion, sees it marked, and finds it among their mentions", async () => {
    // Alice was shown a message further up (the search before): she reads at the bottom again.
    await alice.page.getByRole("log").evaluate((log) => log.scrollTo(0, log.scrollHeight));
    const composer = bob.page.getByRole("textbox", { name: `Message #${room}` });
    await composer.fill("");
    // By the unique part of her name: other Alices of earlier runs are in the directory too.
    await composer.pressSequentially(`@${aliceName.split(" ")[1]}`);
    await bob.page.getByRole("listbox", { name: "People to mention" }).getByText(aliceName).click();
    await composer.pressSequentially("could you book the table?");
    await composer.press("Enter");

    const chip = alice.page.locator(".message-body", { hasText: "could you book the table?" }).locator(".mention-me");
    await chip.waitFor();
    assert.equal(await chip.textContent(), `@${aliceName}`);

    await alice.page.getByRole("button", { name: "Mentions" }).click();
    const mention = alice.page
      .getByRole("list", { name: "Mentions of you" })
      .getByRole("button", { name: /could you book the table/ });
    await mention.waitFor();
    await screenshot(alice.page, "mentions");
    await mention.click();
    await alice.page.waitForFunction(() =>
      [...document.querySelectorAll("article")].some(
        (article) =>
          article.textContent.includes("could you book the table") && article.className.includes("bg-primary/10"),
      ),
    );
  });

  it("a room is found by the beginning of its name and joined from the browser", async () => {
    const found = unique("found-");
    await createRoom(alice.page, found);

    await bob.page.getByRole("button", { name: "Browse rooms" }).click();
    await bob.page.getByLabel("Filter rooms").fill(found.slice(0, 8));
    const row = bob.page
      .getByRole("dialog")
      .getByRole("listitem")
      .filter({ hasText: `# ${found}` });
    await row.getByRole("button", { name: "Join" }).click();
    await bob.page.getByRole("navigation", { name: "Rooms and people" }).getByText(found).waitFor();
  });

  it("they see each other online among the room's members", async () => {
    await bob.page.getByRole("button", { name: `Room ${room}` }).click();
    await bob.page.getByRole("button", { name: "Members" }).click();
    const members = bob.page.getByRole("list", { name: "Members" });
    await members.getByRole("button", { name: `Message ${aliceName} (online)` }).waitFor();
    await members.getByRole("button", { name: `${bobName} (you)` }).waitFor();
    await bob.page.keyboard.press("Escape");
    await alice.page.getByRole("button", { name: `Room ${room}` }).click();
    await alice.page.getByRole("button", { name: "Members" }).click();
    await alice.page
      .getByRole("list", { name: "Members" })
      .getByRole("button", { name: `Message ${bobName} (online)` })
      .waitFor();
  });

  it("they talk privately, with an unread count for the one not looking", async () => {
    // From the member list: Bob is nobody Alice talked with yet.
    await alice.page
      .getByRole("list", { name: "Members" })
      .getByRole("button", { name: `Message ${bobName} (online)` })
      .click();
    await alice.page.getByRole("textbox", { name: `Message ${bobName}` }).waitFor();
    await send(alice.page, "psst, a secret for you");

    const aliceInBobsSidebar = bob.page.getByRole("button", { name: `Message ${aliceName} (online)` });
    await aliceInBobsSidebar.getByLabel("1 unread").waitFor();
    await aliceInBobsSidebar.click();
    await bob.page.locator(".message-body", { hasText: "psst, a secret for you" }).waitFor();
    await send(bob.page, "got it");
    await alice.page.locator(".message-body", { hasText: "got it" }).waitFor();
    await screenshot(bob.page, "direct-message-desktop");
  });

  it("reading on one device clears the unread badge on another, and the counts survive a reload", async () => {
    const bobTablet = await signIn(browser, bobName);
    try {
      await bob.page.goto(`${baseUrl}rooms/${room}`);
      await waitOnline(bob.page);
      await send(alice.page, "are you there?");
      const aliceOnTablet = bobTablet.page.getByRole("button", { name: `Message ${aliceName} (online)` });
      await aliceOnTablet.getByLabel("1 unread").waitFor();
      await bobTablet.page.reload();
      await waitOnline(bobTablet.page);
      await aliceOnTablet.getByLabel("1 unread").waitFor();

      await bob.page.bringToFront();
      await bob.page.getByRole("button", { name: `Message ${aliceName} (online)` }).click();
      await bob.page.locator(".message-body", { hasText: "are you there?" }).waitFor();
      await bob.page.getByRole("separator", { name: "New messages" }).waitFor();
      await screenshot(bob.page, "new-messages-line");
      await aliceOnTablet.getByLabel("1 unread").waitFor({ state: "detached" });
      await bobTablet.page.reload();
      await waitOnline(bobTablet.page);
      await bobTablet.page.getByRole("button", { name: `Message ${aliceName} (online)` }).waitFor();
      assert.equal(await aliceOnTablet.getByLabel(/unread/).count(), 0, "read on the laptop, read on the tablet");
    } finally {
      await bobTablet.context.close();
    }
  });

  it("someone found in the directory gets a direct message, and each appears in the other's sidebar", async () => {
    const daveName = unique("Dave Directory");
    const dave = await signIn(browser, daveName);
    await alice.page.getByRole("button", { name: "New message" }).click();
    await alice.page.getByLabel("Find people").fill(daveName.toLowerCase().replace("dave ", "DAVE "));
    await alice.page.getByRole("list", { name: "People found" }).getByRole("button", { name: daveName }).click();
    await alice.page.getByRole("textbox", { name: `Message ${daveName}` }).waitFor();
    await send(alice.page, "found you in the directory");

    const aliceInDavesSidebar = dave.page.getByRole("button", { name: `Message ${aliceName} (online)` });
    await aliceInDavesSidebar.getByLabel("1 unread").waitFor();
    await aliceInDavesSidebar.click();
    await dave.page.locator(".message-body", { hasText: "found you in the directory" }).waitFor();
    await alice.page.getByRole("button", { name: `Message ${daveName} (online)` }).waitFor();
    assert.deepEqual(dave.errors, []);
    await dave.context.close();
    // Back to where the next tests expect Alice: her conversation with Bob.
    await alice.page.getByRole("button", { name: `Message ${bobName} (online)` }).click();
    await alice.page.getByRole("textbox", { name: `Message ${bobName}` }).waitFor();
  });

  it(
    "with a company's worth of people in the directory, the sidebar lists only one's conversations, search finds anyone and a link starts a conversation",
    { skip: !process.env.CHAT_CROWD },
    async () => {
      const crowd = process.env.CHAT_CROWD;
      const newcomer = await signIn(browser, unique("Nora Newcomer "));
      const sidebar = newcomer.page.getByRole("navigation", { name: "Rooms and people" });
      await sidebar.getByRole("button", { name: "Start a conversation" }).waitFor();
      const somebody = `${crowd} Colleague 1999`;
      await newcomer.page.getByLabel("Search rooms and people").fill(`${crowd.toLowerCase()} colleague 1999`);
      await sidebar.getByRole("button", { name: `Message ${somebody} (offline)` }).waitFor();
      const listed = await newcomer.page.locator("li").count();
      assert.ok(
        listed <= 40,
        `${listed} list items on the page, with ${process.env.CHAT_CROWD_SIZE} people in the directory`,
      );

      // A deep link to a colleague never talked with opens the conversation; a message sent there is
      // stored, and the colleague joins the sidebar.
      const colleague = `${crowd} Colleague 1234`;
      await newcomer.page.goto(`${baseUrl}dm/${crowd.toLowerCase()}-1234`);
      await waitOnline(newcomer.page);
      await newcomer.page.getByRole("textbox", { name: `Message ${colleague}` }).waitFor();
      await send(newcomer.page, "hello from a link");
      await newcomer.page.locator(".message-body", { hasText: "hello from a link" }).waitFor();
      await newcomer.page.getByText("Sending…").waitFor({ state: "hidden" });
      assert.equal(await newcomer.page.getByText("Not sent").count(), 0);
      await sidebar.getByRole("button", { name: `Message ${colleague} (offline)` }).waitFor();
      assert.deepEqual(newcomer.errors, []);
      await newcomer.context.close();
    },
  );

  it("a hidden tab notifies of direct messages and counts them in the title", async () => {
    await bob.context.grantPermissions(["notifications"]);
    await bob.page.evaluate(() => {
      window.__notifications = [];
      window.Notification = class {
        static permission = "granted";
        static requestPermission = async () => "granted";
        constructor(title, options) {
          window.__notifications.push({ title, body: options?.body });
        }
        close() {}
      };
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await alice.page.getByRole("textbox", { name: `Message ${bobName}` }).waitFor();
    await send(alice.page, "are you there?");
    await bob.page.waitForFunction(() => window.__notifications.length > 0);
    const [notification] = await bob.page.evaluate(() => window.__notifications);
    assert.equal(notification.title, aliceName);
    assert.equal(notification.body, "are you there?");
    await bob.page.waitForFunction(() => /^\(\d+\) chat$/.test(document.title));
    await bob.page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
      document.dispatchEvent(new Event("visibilitychange"));
      window.dispatchEvent(new Event("focus"));
    });
  });

  it("emoji come from the picker and from :shortcode: completion", async () => {
    const composer = alice.page.getByRole("textbox", { name: `Message ${bobName}` });
    await composer.fill("party :tada");
    await alice.page.getByRole("listbox", { name: "Emoji suggestions" }).getByText(":tada:").waitFor();
    await composer.press("Enter");
    assert.equal(await composer.inputValue(), "party 🎉 ");
    await alice.page.getByRole("button", { name: "Insert emoji" }).click();
    await alice.page.getByPlaceholder("Search emoji").fill("rocket");
    await alice.page.locator("[frimousse-emoji]", { hasText: /^🚀$/u }).first().click();
    assert.equal(await composer.inputValue(), "party 🎉 🚀");
    await composer.press("Enter");
    await bob.page.locator(".message-body", { hasText: "party 🎉 🚀" }).waitFor();
  });

  it("hostile content is shown as text and runs nothing", async () => {
    await alice.page.goto(`${baseUrl}rooms/${room}`);
    await waitOnline(alice.page);
    await bob.page.goto(`${baseUrl}rooms/${room}`);
    await waitOnline(bob.page);
    const payloads = [
      '<img src=x onerror="window.__pwned = 1">',
      "[click me](javascript:window.__pwned=2)",
      "<script>window.__pwned = 3</script>",
      "**[nested](javascript:window.__pwned=4)**",
    ];
    for (const payload of payloads) await send(alice.page, payload);
    const shown = bob.page.locator(".message-body", { hasText: "onerror" });
    await shown.waitFor();
    assert.match(await shown.textContent(), /<img src=x onerror="window.__pwned = 1">/);
    await bob.page.locator(".message-body", { hasText: "nested" }).waitFor();
    for (const link of await bob.page.locator(".message-body a").all()) {
      const href = (await link.getAttribute("href")) ?? "";
      assert.doesNotMatch(href, /javascript/i);
      await link.click({ modifiers: ["Control"] }).catch(() => {});
    }
    assert.equal(await bob.page.locator(".message-body img, .message-body script").count(), 0);
    assert.equal(await bob.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await alice.page.evaluate(() => window.__pwned), undefined);
  });

  it("scrolling up loads older history without losing the place", async () => {
    const longRoom = unique("history-");
    // 130 messages posted through the socket, as another client would.
    await alice.page.evaluate(
      async ({ name, room: target }) => {
        const { token } = await (
          await fetch("api/dev/token", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ name }),
          })
        ).json();
        const url = new URL("ws", document.baseURI);
        url.protocol = url.protocol.replace("http", "ws");
        const socket = new WebSocket(url, ["chat.v1", `bearer.${token}`]);
        await new Promise((resolve) => (socket.onopen = resolve));
        socket.send(JSON.stringify({ type: "join", room: target }));
        // Sent as fast as the server's rate limit allows: refused ones are sent again a little later.
        let acked = 0;
        const done = new Promise((resolve, reject) => {
          setTimeout(() => reject(new Error(`only ${acked} of 130 acknowledged`)), 60_000);
          socket.onmessage = (event) => {
            const answer = JSON.parse(event.data);
            if (answer.type === "ack" && ++acked === 130) resolve();
            if (answer.type === "error" && answer.code === "rate_limited") {
              setTimeout(
                () =>
                  socket.send(
                    JSON.stringify({
                      type: "message",
                      room: target,
                      content: `history message ${answer.ref}`,
                      ref: answer.ref,
                    }),
                  ),
                1_000,
              );
            }
          };
        });
        for (let i = 0; i < 130; i++) {
          socket.send(
            JSON.stringify({ type: "message", room: target, content: `history message ${i}`, ref: String(i) }),
          );
        }
        await done;
        socket.close();
      },
      { name: aliceName, room: longRoom },
    );

    await bob.page.goto(`${baseUrl}rooms/${longRoom}`);
    await waitOnline(bob.page);
    await bob.page.locator(".message-body", { hasText: "history message 129" }).waitFor();
    assert.equal(
      await bob.page.locator(".message-body", { hasText: /^\s*history message 0\s*$/ }).count(),
      0,
      "only the latest page at first",
    );

    const log = bob.page.getByRole("log");
    // One step up: the older page is added above while the message that was at the top stays in view.
    await log.evaluate((element) => element.scrollTo({ top: 0 }));
    await bob.page.locator(".message-body", { hasText: /^\s*history message 79\s*$/ }).waitFor();
    await bob.page.waitForTimeout(300);
    const { anchorTop, logTop, logHeight } = await bob.page.evaluate(() => {
      const anchor = [...document.querySelectorAll(".message-body")].find(
        (e) => e.textContent.trim() === "history message 80",
      );
      const view = document.querySelector('[role="log"]').getBoundingClientRect();
      return { anchorTop: anchor?.getBoundingClientRect().top ?? Number.NaN, logTop: view.top, logHeight: view.height };
    });
    assert.ok(
      anchorTop >= logTop - 60 && anchorTop < logTop + logHeight,
      `the place was kept: ${anchorTop} in ${logTop}+${logHeight}`,
    );

    for (let i = 0; i < 20 && (await bob.page.getByText("This is the very beginning").count()) === 0; i++) {
      await log.evaluate((element) => element.scrollTo({ top: 0 }));
      await bob.page.waitForTimeout(300);
    }
    await bob.page.locator(".message-body", { hasText: /^\s*history message 0\s*$/ }).waitFor();
    await bob.page.getByText("This is the very beginning").waitFor();
  });

  it("on a phone the sidebar is a drawer", async () => {
    const phone = await signIn(browser, unique("Carol "), PHONE);
    await phone.page.goto(`${baseUrl}rooms/${room}`);
    await waitOnline(phone.page);
    await phone.page.getByRole("button", { name: "Join to post" }).click();
    await phone.page.locator(".message-body", { hasText: "got it" }).count();
    await send(phone.page, "Hi from my phone 📱");
    await alice.page.locator(".message-body", { hasText: "Hi from my phone" }).waitFor();
    await screenshot(phone.page, "room-phone");
    await phone.page.getByRole("button", { name: "Open rooms and people" }).click();
    await phone.page.getByRole("dialog").getByRole("navigation", { name: "Rooms and people" }).waitFor();
    await screenshot(phone.page, "sidebar-phone");
    await phone.context.close();
  });

  it("a private room's link tells an outsider only that there is nothing for them, and a public room offers to join", async () => {
    const secret = unique("secret-");
    await alice.page.getByRole("button", { name: "Create a room" }).click();
    await alice.page.getByLabel("Name").fill(secret);
    await alice.page.getByRole("switch").click();
    await alice.page.getByRole("button", { name: "Create" }).click();
    await alice.page.getByRole("heading", { name: secret }).waitFor();

    await bob.page.goto(`${baseUrl}rooms/${secret}`);
    await waitOnline(bob.page);
    await bob.page.getByText("This room does not exist, or you do not have access to it.").waitFor();
    assert.equal(await bob.page.getByRole("alert").count(), 0, "no error banner besides the calm state");
    assert.equal(await bob.page.getByRole("textbox", { name: `Message #${secret}` }).count(), 0, "no composer");
    assert.equal(await bob.page.getByRole("button", { name: /Join/ }).count(), 0, "nothing to join");
    assert.equal(await bob.page.getByText("Loading…").count(), 0);
    await screenshot(bob.page, "private-room-outsider");

    const open = unique("open-");
    await createRoom(alice.page, open);
    await bob.page.goto(`${baseUrl}rooms/${open}`);
    await waitOnline(bob.page);
    await bob.page.getByRole("button", { name: "Join to post" }).waitFor();
    assert.equal(await bob.page.getByRole("textbox", { name: `Message #${open}` }).count(), 0, "join before writing");
    await bob.page.getByRole("button", { name: "Join to post" }).click();
    await bob.page.getByRole("textbox", { name: `Message #${open}` }).waitFor();
  });

  it("a :shortcode: typed in full is sent as its emoji, and code keeps it as typed", async () => {
    await send(alice.page, "hi :wave: and `:wave:`");
    const shown = bob.page.locator(".message-body", { hasText: "hi 👋 and" });
    await shown.waitFor();
    assert.equal(await shown.locator("code").textContent(), ":wave:");
  });

  it("a link that cannot be read shows not found instead of breaking the page", async () => {
    // The container answers such an address itself, so the page meets it only by navigating within.
    await bob.page.goto(`${baseUrl}rooms/${room}`);
    await waitOnline(bob.page);
    await bob.page.evaluate(() => {
      window.history.pushState(null, "", "dm/%");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    await bob.page.getByRole("heading", { name: "Not found" }).waitFor();
    await bob.page.getByRole("button", { name: "Go to the start" }).click();
    await bob.page.getByRole("heading", { name: /Welcome/ }).waitFor();
  });

  it("after the server restarts both reconnect and keep chatting, missing nothing", async () => {
    await alice.page.goto(`${baseUrl}rooms/${room}`);
    await bob.page.goto(`${baseUrl}rooms/${room}`);
    await waitOnline(alice.page);
    await waitOnline(bob.page);
    await controlServer("kill");
    await alice.page.getByRole("status").waitFor();
    // Written while the server is away: shown as sending, delivered once it is back.
    await send(alice.page, "sent during the outage");
    await alice.page.getByText("Sending…").waitFor();
    await controlServer("start");
    await waitOnline(alice.page, 90_000);
    await waitOnline(bob.page, 90_000);
    await bob.page.locator(".message-body", { hasText: "sent during the outage" }).waitFor({ timeout: 30_000 });
    await send(bob.page, "and we are back");
    await alice.page.locator(".message-body", { hasText: "and we are back" }).waitFor({ timeout: 30_000 });
    assert.equal(
      await alice.page.locator(".message-body", { hasText: "sent during the outage" }).count(),
      1,
      "shown once",
    );
    assert.equal(
      await bob.page.locator(".message-body", { hasText: "sent during the outage" }).count(),
      1,
      "shown once",
    );
    assert.deepEqual([...alice.errors, ...bob.errors], []);
  });

  it("signing out leads back to the sign-in page and forgets the person", async () => {
    await bob.page.getByRole("button", { name: "Sign out" }).first().click();
    await bob.page.getByLabel("Your name").waitFor();
    await bob.page.reload();
    await bob.page.getByLabel("Your name").waitFor();
    assert.deepEqual(bob.errors, [], "nothing broke on the way out");
  });

  it("the welcome screen and sign-in look right", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseUrl);
    await page.getByLabel("Your name").waitFor();
    await screenshot(page, "sign-in");
    await page.close();
  });
});
