import { beforeEach, describe, expect, it } from "vitest";
import { createChatStore } from "@/chatStore";
import { MAX_WATCHED, watchList } from "./watch-list";

const person = (id: string, online = false) => ({ id, name: id.toUpperCase(), online });

describe("the sidebar's people and whose presence is watched", () => {
  let store: ReturnType<typeof createChatStore>;
  beforeEach(() => {
    store = createChatStore();
    store.getState().signedIn({ id: "alice", name: "Alice" });
  });

  it("lists one's conversations in the server's order, most recent first", () => {
    store.getState().setContacts([person("carol"), person("bob")]);
    expect(store.getState().contacts).toEqual(["carol", "bob"]);
    expect(store.getState().users.bob?.name).toBe("BOB");
  });

  it("moves a conversation to the top when a direct message arrives or is sent", () => {
    store.getState().setContacts([person("carol"), person("bob"), person("dave")]);
    store.getState().received({ id: 7, from: "bob", from_name: "Bob", to: "alice", content: "hi", timestamp: "t" });
    expect(store.getState().contacts).toEqual(["bob", "carol", "dave"]);
    store
      .getState()
      .addPending("dm:dave", { clientId: "c1", from: "alice", content: "yo", timestamp: "t", state: "pending" });
    expect(store.getState().contacts).toEqual(["dave", "bob", "carol"]);
  });

  it("adds someone never talked with to the sidebar when their conversation is opened", () => {
    store.getState().setContacts([person("carol")]);
    store.getState().open("dm:erin");
    expect(store.getState().contacts).toEqual(["erin", "carol"]);
  });

  it("watches the sidebar, the open conversation and what dialogs show, never oneself", () => {
    store.getState().setContacts([person("carol"), person("alice")]);
    store.getState().show("dialog", ["frank", "mallory"]);
    store.getState().open("dm:erin");
    expect(watchList(store.getState()).sort()).toEqual(["carol", "erin", "frank", "mallory"]);
  });

  it("drops from the sidebar whom the server knows nobody by", () => {
    store.getState().setContacts([person("carol")]);
    store.getState().open("dm:typo");
    store.getState().forgetUnknown(["typo"]);
    expect(store.getState().contacts).toEqual(["carol"]);
  });

  it("stops watching what a closed dialog showed", () => {
    store.getState().show("dialog", ["frank"]);
    store.getState().show("dialog", []);
    expect(watchList(store.getState())).toEqual([]);
  });

  it("never asks for more people than the server allows", () => {
    const many = Array.from({ length: MAX_WATCHED + 20 }, (_, i) => person(`p${String(i)}`));
    store.getState().setContacts(many);
    expect(watchList(store.getState())).toHaveLength(MAX_WATCHED);
  });
});
