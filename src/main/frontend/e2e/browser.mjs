// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), people signing in through the dev login, and the server under test.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

export const baseUrl = (process.env.CHAT_BASE_URL ?? "http://127.0.0.1:8080/").replace(/\/?$/, "/");
export const screenshotDir = process.env.SCREENSHOT_DIR;
if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

export const unique = (prefix) => `${prefix}${Math.random().toString(36).slice(2, 7)}`;

/** A person in their own browser context (own storage, own tabs), signed in by name. */
export async function signIn(browser, name, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(baseUrl);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  await waitOnline(page);
  return { context, page, errors };
}

/**
 * Online: the workspace is shown and the connection banner is gone. The banner alone is not enough:
 * a page still loading, or a workspace not yet connecting, shows none either.
 */
export async function waitOnline(page, timeout = 30_000) {
  await page.waitForFunction(
    () => document.querySelector("aside") !== null && !document.querySelector('[role="status"]'),
    null,
    { timeout },
  );
}

/** Creates a room from the sidebar's button and waits until it is open. */
export async function createRoom(page, room) {
  await page.getByRole("button", { name: "Create a room" }).click();
  await page.getByLabel("Name").fill(room);
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByRole("heading", { name: room }).waitFor();
}

/** Opens a room by its link and joins it, as someone who was sent the link does. */
export async function joinByLink(page, room) {
  await page.goto(`${baseUrl}rooms/${room}`);
  await waitOnline(page);
  await page.getByRole("button", { name: "Join to post" }).click();
  await page.getByRole("textbox", { name: `Message #${room}` }).waitFor();
}

export async function screenshot(page, name) {
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

export async function send(page, text) {
  const composer = page.getByRole("textbox", { name: /^Message / });
  await composer.fill(text);
  await composer.press("Enter");
}

/** Asks the test harness that runs the server to kill it (SIGKILL) or start it again. */
export async function controlServer(action) {
  const control = process.env.CHAT_CONTROL_URL;
  if (!control) throw new Error("CHAT_CONTROL_URL is not set: the harness cannot stop and start the server");
  const response = await fetch(`${control}/${action}`, { method: "POST" });
  if (!response.ok) throw new Error(`${action} failed: ${response.status}`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Audits what the page shows with axe-core and fails on any critical or serious violation, naming
 * each with the elements concerned. Evaluated through the debugging protocol: the application's
 * Content-Security-Policy rightly refuses injected scripts.
 */
export async function audit(page, where) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      resultTypes: ["violations"],
      // Experimental in axe, but what WCAG 2.5.3 asks: a control's name holds the text it shows.
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    // A page's structure too, whatever axe thinks of its impact: one main landmark, one top heading
    // (not while a modal dialog hides the page behind it).
    const structure = document.querySelector('[role="dialog"]') ? [] : ["landmark-one-main", "page-has-heading-one"];
    return result.violations
      .filter(
        (violation) =>
          violation.impact === "critical" || violation.impact === "serious" || structure.includes(violation.id),
      )
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
      }));
  });
  assert.deepEqual(violations, [], `${where}:\n${JSON.stringify(violations, null, 2)}`);
}

/** Shows the page in the light or the dark theme (the application follows the system's). */
export async function theme(page, colorScheme) {
  await page.emulateMedia({ colorScheme });
  // Colours fade (the highlight of a message jumped to, hovers): audit the settled page.
  await page.waitForTimeout(800);
}
