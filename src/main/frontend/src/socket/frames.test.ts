import { describe, expect, it } from "vitest";
import { eventsOfFrame, SUBPROTOCOLS } from "./frames";

describe("eventsOfFrame", () => {
  it("reads every line of a chat.v2 frame as one event, in order", () => {
    const frame = ['{"type":"message","id":1}', '{"type":"message","id":2}', '{"type":"typing"}'].join("\n");

    expect(eventsOfFrame(frame, "chat.v2")).toEqual([
      { type: "message", id: 1 },
      { type: "message", id: 2 },
      { type: "typing" },
    ]);
  });

  it("reads a chat.v2 frame of one event like a chat.v1 frame", () => {
    expect(eventsOfFrame('{"type":"ack","id":7}', "chat.v2")).toEqual([{ type: "ack", id: 7 }]);
  });

  it("keeps a line feed escaped inside a string as part of the event", () => {
    const frame = `${JSON.stringify({ type: "message", content: "two\nlines" })}\n{"type":"ack"}`;

    expect(eventsOfFrame(frame, "chat.v2")).toEqual([{ type: "message", content: "two\nlines" }, { type: "ack" }]);
  });

  it("skips a line that is not JSON and keeps the events around it", () => {
    expect(eventsOfFrame('{"type":"a"}\nnot json\n{"type":"b"}', "chat.v2")).toEqual([{ type: "a" }, { type: "b" }]);
  });

  it("never splits a chat.v1 frame", () => {
    expect(eventsOfFrame('{"type":"a"}\n{"type":"b"}', "chat.v1")).toEqual([]);
    expect(eventsOfFrame('{"type":"a"}', "chat.v1")).toEqual([{ type: "a" }]);
  });

  it("treats a server that chose no subprotocol as one event per frame", () => {
    expect(eventsOfFrame('{"type":"a"}', "")).toEqual([{ type: "a" }]);
  });

  it("offers chat.v2 before chat.v1", () => {
    expect(SUBPROTOCOLS).toEqual(["chat.v2", "chat.v1"]);
  });
});
