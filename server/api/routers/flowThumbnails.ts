// The gallery's previews for flows.list, computed once per stored version of a flow: parsing and
// laying out every document on every list was most of the list's time. Every change of a flow's
// document bumps its version (save, rename, demo refresh), so (id, version) names one preview.
// Only the flows of the latest list are kept.
import type { Thumbnail } from "../../flow/graphThumbnail";

export interface StoredVersion {
  id: string;
  version: number;
}

/** Reads the documents of the given flows, each with the version it is at. */
export type DocumentLoader = (ids: string[]) => Promise<(StoredVersion & { document: string })[]>;

export interface ThumbnailCache {
  /** The preview of each listed flow (null: nothing to draw, or a draft that does not parse). */
  of(listed: readonly StoredVersion[], load: DocumentLoader): Promise<Map<string, Thumbnail | null>>;
}

export function createThumbnailCache(compute: (document: string) => Thumbnail | null): ThumbnailCache {
  let kept = new Map<string, { version: number; thumbnail: Thumbnail | null }>();
  return {
    async of(listed, load) {
      const stale = listed.filter((flow) => kept.get(flow.id)?.version !== flow.version).map((flow) => flow.id);
      const fresh = new Map(kept);
      for (const row of stale.length === 0 ? [] : await load(stale)) fresh.set(row.id, { version: row.version, thumbnail: compute(row.document) });
      kept = new Map(listed.flatMap((flow) => (fresh.has(flow.id) ? [[flow.id, fresh.get(flow.id)!] as const] : [])));
      return new Map([...kept].map(([id, entry]) => [id, entry.thumbnail]));
    },
  };
}
