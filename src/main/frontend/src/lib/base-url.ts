/**
 * The application's own address. The server puts a <base href> into index.html, so this is right
 * under any context root and on any deep link (/rooms/general, /dm/alice).
 */
export function appUrl(path: string): URL {
  return new URL(path, document.baseURI);
}

/** The WebSocket address: same host and context root, ws: or wss: to match the page. */
export function webSocketUrl(): string {
  const url = appUrl("ws");
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** The path below the application's base, e.g. "rooms/general". */
export function appPath(): string {
  const base = new URL(document.baseURI).pathname;
  const path = window.location.pathname;
  return path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, "");
}
