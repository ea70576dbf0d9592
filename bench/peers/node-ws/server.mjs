// The peer of issue 15: the chat server a competent team writes in a week, measured beside the
// product with the same load generator. One process, rooms in memory, the token checked at the
// handshake (RS256, issuer, audience, expiry), one INSERT ... RETURNING per message through a pool of
// ten connections, awaited before the ack and the deliveries; no group commit, no ordering beyond the
// database's ids, no idempotency, no presence, no limits. PEER_DATABASE=off skips the database: the
// WebSocket ceiling of this runtime. It speaks the part of docs/protocol.md the fanout and durable
// scenarios use: the token in Sec-WebSocket-Protocol (chat.v1, bearer.<token>), join, message, ack.
import fs from "node:fs";
import http from "node:http";
import { importSPKI, jwtVerify } from "jose";
import pg from "pg";
import { WebSocketServer } from "ws";

const port = Number(process.env.PORT ?? 8100);
const withDatabase = process.env.PEER_DATABASE !== "off";
const issuer = process.env.MP_JWT_VERIFY_ISSUER;
const audience = process.env.MP_JWT_VERIFY_AUDIENCES;
const key = await importSPKI(fs.readFileSync(process.env.MP_JWT_VERIFY_PUBLICKEY_LOCATION, "utf8"), "RS256");

const pool = withDatabase ? new pg.Pool({ connectionString: process.env.PEER_DATABASE_URL, max: 10 }) : null;
if (pool) {
  await pool.query(`create table if not exists peer_messages (
    id bigserial primary key,
    room text not null,
    from_user text not null,
    content text not null,
    created_at timestamptz not null default now())`);
}

/** Room name -> the sockets in it. */
const rooms = new Map();
let nextId = 0;

const server = http.createServer((request, response) => {
  response.writeHead(request.url === "/ws" ? 401 : 404).end();
});
const sockets = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => (offered.has("chat.v1") ? "chat.v1" : false),
});

server.on("upgrade", async (request, socket, head) => {
  const offered = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith("bearer."));
  try {
    if (!request.url.startsWith("/ws") || !bearer) throw new Error("no token");
    const { payload } = await jwtVerify(bearer.slice("bearer.".length), key, {
      issuer,
      audience,
      algorithms: ["RS256"],
    });
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.user = payload.sub;
      ws.rooms = new Set();
      sockets.emit("connection", ws);
    });
  } catch {
    socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
  }
});

sockets.on("connection", (ws) => {
  ws.on("message", (data) => handle(ws, data.toString()).catch((e) => fail(ws, null, "internal", e.message)));
  ws.on("close", () => {
    for (const room of ws.rooms) rooms.get(room)?.delete(ws);
  });
});

function send(ws, event, ref) {
  ws.send(JSON.stringify(ref == null ? event : { ...event, ref }));
}

function fail(ws, ref, code, message) {
  send(ws, { type: "error", code, message }, ref);
}

async function handle(ws, text) {
  let request;
  try {
    request = JSON.parse(text);
  } catch {
    return fail(ws, null, "bad_request", "a frame must be a JSON object");
  }
  const { type, room, content, ref } = request;
  if (type === "join" && typeof room === "string") {
    if (!rooms.has(room)) rooms.set(room, new Set());
    rooms.get(room).add(ws);
    ws.rooms.add(room);
    return send(ws, { type: "joined", room }, ref);
  }
  if (type === "message" && typeof room === "string" && typeof content === "string") {
    if (!ws.rooms.has(room)) return fail(ws, ref, "forbidden", `join ${room} before posting in it`);
    let id;
    let timestamp;
    if (pool) {
      const { rows } = await pool.query(
        "insert into peer_messages (room, from_user, content) values ($1, $2, $3) returning id, created_at",
        [room, ws.user, content],
      );
      id = Number(rows[0].id);
      timestamp = rows[0].created_at.toISOString();
    } else {
      id = ++nextId;
      timestamp = new Date().toISOString();
    }
    send(ws, { type: "ack", id, timestamp }, ref);
    const event = JSON.stringify({ type: "message", id, room, from: ws.user, content, timestamp });
    for (const member of rooms.get(room) ?? []) member.send(event);
    return;
  }
  return fail(ws, ref, "bad_request", `unknown request type "${String(type).slice(0, 40)}"`);
}

server.listen(port, "127.0.0.1", () => {
  console.log(`node-ws peer on ${port}, database ${withDatabase ? "on" : "off"}`);
});
