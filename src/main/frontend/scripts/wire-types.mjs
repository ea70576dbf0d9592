// The web client's wire types are generated from the protocol's contract, docs/asyncapi.yaml, so
// that the client cannot expect a field the server does not send, or send a request it refuses.
//   node scripts/wire-types.mjs          writes src/socket/wire.ts
//   node scripts/wire-types.mjs --check  fails when src/socket/wire.ts is not what the contract gives
import { readFileSync, writeFileSync } from "node:fs";
import { compile } from "json-schema-to-typescript";
import { format, resolveConfig } from "prettier";
import { parse } from "yaml";

const contract = new URL("../../../../docs/asyncapi.yaml", import.meta.url);
const target = new URL("../src/socket/wire.ts", import.meta.url);

const document = parse(readFileSync(contract, "utf8"));
const schemas = document.components.schemas;

/** The payload schema names of the messages that the given operations send or receive, replies included. */
function payloads(action) {
  const names = new Set();
  const payloadOf = (reference) => {
    const channelMessage = reference.$ref.split("/").pop();
    const message = document.components.messages[channelMessage];
    return message.payload.$ref.split("/").pop();
  };
  for (const operation of Object.values(document.operations)) {
    if (action === "receive" && operation.action === "receive") {
      operation.messages.forEach((m) => names.add(payloadOf(m)));
    }
    if (action === "send") {
      if (operation.action === "send") operation.messages.forEach((m) => names.add(payloadOf(m)));
      (operation.reply?.messages ?? []).forEach((m) => names.add(payloadOf(m)));
    }
  }
  return [...names].sort();
}

const asDefinitions = (value) =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/definitions/'));

const definitions = asDefinitions(schemas);
definitions.ClientFrame = {
  description: "A request, as the server receives it.",
  anyOf: payloads("receive").map((name) => ({ $ref: `#/definitions/${name}` })),
};
definitions.ServerFrame = {
  description: "An answer or an event, as the server sends it.",
  anyOf: payloads("send").map((name) => ({ $ref: `#/definitions/${name}` })),
};

const generated = await compile(
  {
    title: "ChatProtocol",
    description: "Both directions of the socket at /ws (docs/protocol.md explains them).",
    type: "object",
    properties: {
      request: { $ref: "#/definitions/ClientFrame" },
      answerOrEvent: { $ref: "#/definitions/ServerFrame" },
    },
    required: ["request", "answerOrEvent"],
    definitions,
  },
  "ChatProtocol",
  {
    bannerComment:
      "// Generated from docs/asyncapi.yaml by scripts/wire-types.mjs (npm run wire). Do not edit: change the contract.",
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: false,
  },
);
const text = await format(generated, { ...(await resolveConfig(target)), filepath: target.pathname });

if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== text) {
    console.error("src/socket/wire.ts does not match docs/asyncapi.yaml: run npm run wire");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log("src/socket/wire.ts written from docs/asyncapi.yaml");
}
