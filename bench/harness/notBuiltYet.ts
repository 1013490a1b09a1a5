// A registered suite whose code under test does not exist yet: it always reports
// "skipped: not built yet — needs <prerequisite>" and declares the targets it will
// be held to, so `--check` lists them. Replace the suite's file with a real one
// (see bench/README.md); do not measure anything here.

import type { Suite, Target } from "./types";

export function notBuiltYet(options: { name: string; title: string; targets: Target[]; needs: string }): Suite {
  return {
    name: options.name,
    title: options.title,
    targets: options.targets,
    prerequisite: () => `not built yet — needs ${options.needs}`,
    comparisons: () => [],
  };
}
