// Maps zod issues to Problems (same path format and plain sentences as the semantic checks).
import type { z } from "zod";
import { collector, type Path, type Problem } from "./problem";

function sentence(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return "is required";
      return `must be ${article(issue.expected)}, not ${describe(input)}`;
    case "unrecognized_keys":
      return issue.keys.length === 1 ? `has an unknown field "${issue.keys[0]}"` : `has unknown fields ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "invalid_union":
      return issue.message.startsWith("Invalid input") ? `is not a valid ${issue.path.length ? "value" : "document"}` : issue.message;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}

function article(type: string): string {
  return /^[aeio]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return article(typeof value === "object" ? "object" : typeof value);
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function zodProblems(error: z.ZodError, input: unknown): Problem[] {
  const { problems, report } = collector(input);
  for (const issue of error.issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
    report(path, sentence(issue, valueAt(input, path)));
  }
  return problems;
}
