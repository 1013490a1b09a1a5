// Deterministic randomness and ids: a seeded PRNG (sfc32 seeded by splitmix32),
// per-key draws that depend only on (seed, key), and ids that are either drawn
// from the PRNG or derived from a parent id (so a redelivered message derives
// the same ids again). No Math.random here.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export function seededRandom(seed: number): Random {
  const split = splitmix32(seed >>> 0);
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => next32() / 4294967296;
  return { next, int: (maxExclusive) => Math.floor(next() * maxExclusive) };
}

/** A uniform draw in [0, 1) that depends only on the seed and the key. */
export function randomFor(seed: number, key: string): number {
  return hash53(key, seed >>> 0) / 2 ** 53;
}

export interface Ids {
  /** A fresh id from the seeded random, e.g. "cmd_3f2a9c01d4e5b6a7". */
  next(prefix: string): string;
  /** An id that depends only on its parts, e.g. derive("evt", commandId, "0"). */
  derive(prefix: string, ...parts: string[]): string;
}

export function ids(random: Random): Ids {
  const hex8 = () => (random.int(0x100000000) >>> 0).toString(16).padStart(8, "0");
  return {
    next: (prefix) => `${prefix}_${hex8()}${hex8()}`,
    derive: (prefix, ...parts) => derivedId(prefix, parts),
  };
}

/** Same as ids(...).derive: usable without a random source. */
export function derivedId(prefix: string, parts: string[]): string {
  const text = parts.join("\u001f");
  return `${prefix}_${hash53(text, 0x2545f491).toString(36).padStart(11, "0")}${hash53(text, 0x9e3779b9).toString(36).padStart(11, "0")}`;
}

function splitmix32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** cyrb53: a fast 53-bit string hash (not cryptographic). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
