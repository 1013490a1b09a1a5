// ESLint flat config. Besides the recommended TypeScript rules it enforces the
// dependency rule of ARCHITECTURE.md §7: server/flow and server/core stay pure.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const impure = [
  "node:*", "fs", "fs/*", "path", "child_process", "net", "http", "https", "os", "worker_threads", "vm",
  "better-sqlite3", "kafkajs", "quickjs-emscripten", "next", "next/*", "react", "react-dom",
  "@prisma/*", "prisma", "@trpc/*",
  "**/store/**", "**/runtime/**", "**/api/**", "**/sandbox/**", "**/db/**",
];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "server/db/generated/**", "data/**", ".kafka/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "**/*.tmp.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Plain Node scripts (.mjs/.js): Node's globals.
    files: ["**/*.{mjs,js}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    files: ["server/flow/**/*.ts", "server/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: impure, message: "server/flow and server/core are pure: no I/O, frameworks or outer layers (ARCHITECTURE.md §7)." }],
      }],
      "no-restricted-properties": ["error",
        { object: "Date", property: "now", message: "Inject a Clock; core and flow never read the wall clock." },
        { object: "Math", property: "random", message: "Inject the seeded random; core and flow are deterministic." },
        { object: "crypto", property: "randomUUID", message: "Inject ids; core and flow are deterministic." },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "core and flow do not read the environment." }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/server/store/**", "**/server/runtime/**", "**/server/sandbox/**", "**/server/db/**", "**/server/core/**", "@/server/store/**", "@/server/runtime/**", "@/server/sandbox/**", "@/server/db/**", "@/server/core/**"], message: "app/ talks to the server through tRPC; it may import only server/flow and the API's types." }],
      }],
    },
  },
);
