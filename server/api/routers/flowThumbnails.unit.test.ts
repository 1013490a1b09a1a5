// The list's preview cache: one computation per stored version of a flow, documents read only for
// flows that are new or changed, nothing kept for flows no longer listed.
import { describe, expect, it } from "vitest";
import type { Thumbnail } from "../../flow/graphThumbnail";
import { createThumbnailCache, type StoredVersion } from "./flowThumbnails";

const preview = (document: string): Thumbnail => ({ width: document.length, height: 1, boxes: [], lines: [] });

function setup() {
  const computed: string[] = [];
  const loaded: string[][] = [];
  const documents = new Map<string, StoredVersion & { document: string }>();
  const save = (id: string, version: number, document: string) => documents.set(id, { id, version, document });
  const cache = createThumbnailCache((document) => {
    computed.push(document);
    return document === "" ? null : preview(document);
  });
  const list = () =>
    cache.of([...documents.values()].map(({ id, version }) => ({ id, version })), async (ids) => {
      loaded.push(ids);
      return ids.map((id) => documents.get(id)!);
    });
  return { computed, loaded, documents, save, list };
}

describe("createThumbnailCache", () => {
  it("Given two flows listed twice, Then each preview is computed and its document read once", async () => {
    const t = setup();
    t.save("a", 1, "aa");
    t.save("b", 1, "");
    const first = await t.list();
    const second = await t.list();
    expect(second).toEqual(first);
    expect(first).toEqual(new Map([["a", preview("aa")], ["b", null]]));
    expect(t.computed).toEqual(["aa", ""]);
    expect(t.loaded).toEqual([["a", "b"]]);
  });

  it("Given a flow saved at a new version, Then only its document is read again and its preview recomputed", async () => {
    const t = setup();
    t.save("a", 1, "aa");
    t.save("b", 1, "bb");
    await t.list();
    t.save("b", 2, "bbbb");
    expect((await t.list()).get("b")).toEqual(preview("bbbb"));
    expect(t.loaded).toEqual([["a", "b"], ["b"]]);
  });

  it("Given a flow deleted and listed again later, Then its preview was dropped and is computed again", async () => {
    const t = setup();
    t.save("a", 1, "aa");
    await t.list();
    t.documents.delete("a");
    expect(await t.list()).toEqual(new Map());
    t.save("a", 1, "aa");
    await t.list();
    expect(t.computed).toEqual(["aa", "aa"]);
  });
});
