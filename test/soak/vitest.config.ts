// Vitest for the soak suite (`npm run test:soak`, run by CI after `npm test`): the crash,
// concurrency and sandbox-memory soaks under test/soak, plus every fuzz test at 10,000 cases
// per target. Two files at a time, each in a process of its own (forks): memory is measured in
// the measuring file's own process and each soak kills only the children it started, so they do
// not disturb each other; the API fuzz is split in two files to use both. GC exposed.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { alias: { "@": fileURLToPath(new URL("../../", import.meta.url)) } },
  test: {
    include: ["test/soak/**/*.soak.test.ts", "{server,app,scripts}/**/*.fuzz.{unit,int}.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    // Cases per fuzz target (read by test/soak/fuzz/runs.ts).
    env: { EVENTLOOM_FUZZ_RUNS: "10000" },
    pool: "forks",
    execArgv: ["--expose-gc"],
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
