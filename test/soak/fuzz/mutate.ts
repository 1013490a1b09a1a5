// Well-typed-but-wrong inputs for fuzzing: a valid document with a few random edits (values
// replaced by random or tricky ones, references swapped, keys deleted or added — __proto__
// included — arrays emptied or flooded, expressions replaced by token soup). Test support.
import fc from "fast-check";

export interface Edit {
  /** Which node of the document (modulo the node count). */
  at: number;
  /** Which edit (modulo the edits that fit the node). */
  kind: number;
  /** Another node, for swaps. */
  other: number;
  value: unknown;
  text: string;
  soup: string;
}

const TOKENS = [
  "state", "command", "event", "data", "meta", "now", "aggregateId", ".", "x", "amount", "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "%",
  "==", "!=", "<", ">=", "&&", "||", "!", "?", ":", "1", "0", "-1", "1.5", "1e308", "0x1F", "9223372036854775808", '"s"', "'", '"', "\\", "b'x'",
  "r'\\d'", "true", "false", "null", "size", "has", "int", "uint", "double", "string", "dyn", "type", "matches", "in", ",", " ", "\n", "🙂", "\u0000",
];

const TRICKY: unknown[] = [
  -1, 0, -0, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, "", " ", "\u0000", "__proto__", "constructor",
  "x".repeat(10_000), "a.b.c.v1", "orders.order.created.v1", "Order", "order_view", {}, [], [[]], true, false, null, undefined,
];

export const edits: fc.Arbitrary<Edit[]> = fc.array(
  fc.record({
    at: fc.nat(),
    kind: fc.nat(),
    other: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...TRICKY)),
    text: fc.string({ unit: "binary", maxLength: 40 }),
    soup: fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((tokens) => tokens.join("")),
  }),
  { minLength: 1, maxLength: 5 },
);

/** Nodes a mutated document may reach: big enough to hit limits, small enough to fuzz fast. */
const MAX_NODES = 20_000;

type Container = Record<string, unknown> | unknown[];
interface Node {
  parent: Container | undefined;
  key: string | number;
  value: unknown;
}

function nodes(root: unknown): Node[] {
  const found: Node[] = [{ parent: undefined, key: "", value: root }];
  for (let i = 0; i < found.length; i++) {
    const { value } = found[i]!;
    if (Array.isArray(value)) value.forEach((item, index) => found.push({ parent: value, key: index, value: item }));
    else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) found.push({ parent: value as Record<string, unknown>, key, value: item });
  }
  return found;
}

function set(container: Container, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The document after the edits (the base is not changed). */
export function applyEdits(base: unknown, list: readonly Edit[]): unknown {
  const holder: Container = [structuredClone(base)];
  for (const edit of list) {
    const all = nodes(holder[0]).map((node) => (node.parent === undefined ? { ...node, parent: holder, key: 0 } : node));
    const node = all[edit.at % all.length]!;
    const parent = node.parent!;
    const other = all[edit.other % all.length]!.value;
    const choices: (() => void)[] = [
      // Inserted values are copies: the constants and generated values are shared across cases.
      () => set(parent, node.key, structuredClone(edit.value)),
      () => set(parent, node.key, structuredClone(other)),
      () => set(parent, node.key, edit.text),
      () => set(parent, node.key, edit.soup),
      () => set(parent, node.key, structuredClone(TRICKY[edit.at % TRICKY.length])),
      () => (Array.isArray(parent) ? parent.splice(Number(node.key), 1) : delete parent[node.key as string]),
    ];
    const value = node.value;
    if (Array.isArray(value)) {
      choices.push(() => value.splice(0, value.length));
      if (value.length > 0) {
        // Up to 200 copies, keeping the document under MAX_NODES (repeated floods would multiply).
        const element = value[edit.other % value.length];
        const copies = Math.min(200, Math.floor((MAX_NODES - all.length) / nodes(element).length));
        if (copies > 0) choices.push(() => value.push(...Array.from({ length: copies }, () => structuredClone(element))));
      }
    } else if (value !== null && typeof value === "object") {
      const target = value as Record<string, unknown>;
      choices.push(() => set(target, ["__proto__", "constructor", "toString", edit.text][edit.other % 4]!, structuredClone(edit.value)));
    }
    choices[edit.kind % choices.length]!();
  }
  return holder[0];
}

/** A well-typed-but-wrong variant of one of the samples. */
export function mutatedFrom(samples: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat({ max: samples.length - 1 }), edits).map(([index, list]) => applyEdits(samples[index], list));
}

/** Totally random input: any JavaScript value, any JSON, or a sample as it is. */
export function anyInput(samples: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: mutatedFrom(samples) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(...samples) },
  );
}
