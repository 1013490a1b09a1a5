// The Problem shape every check reports, and the reporter that finds the element a path points at.
// Checks only describe; they never change the flow.

export interface Problem {
  /** Where in the document, e.g. `sagas[0].steps[1].compensation`. */
  path: string;
  /** A plain sentence. */
  message: string;
  /** The nearest element on the path (its `id`), for the canvas to highlight. */
  elementId?: string;
}

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["sagas", 0, "steps", 1, "compensation"]` → `sagas[0].steps[1].compensation`. */
export function formatPath(path: Path): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The `id` of the deepest object on the path that has one. */
export function elementIdAt(root: unknown, path: Path): string | undefined {
  let current: unknown = root;
  let found: string | undefined;
  for (const segment of path) {
    if (current === null || typeof current !== "object") break;
    const id = (current as { id?: unknown }).id;
    if (typeof id === "string") found = id;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  if (current !== null && typeof current === "object") {
    const id = (current as { id?: unknown }).id;
    if (typeof id === "string") found = id;
  }
  return found;
}

export type Report = (path: Path, message: string) => void;

/** Collects problems, resolving each one's element against `root`. */
export function collector(root: unknown): { problems: Problem[]; report: Report } {
  const problems: Problem[] = [];
  const report: Report = (path, message) => {
    const elementId = elementIdAt(root, path);
    problems.push(elementId === undefined ? { path: formatPath(path), message } : { path: formatPath(path), message, elementId });
  };
  return { problems, report };
}
