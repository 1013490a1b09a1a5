// Soak support: the studio's API server as a child process on a SQLite file (started, killed
// with SIGKILL, restarted), and a typed tRPC client for it over real loopback HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../../server/api/root";

const CHILD = join(import.meta.dirname, "studioApiChild.ts");

export type StudioClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface StudioProcess {
  origin: string;
  client: StudioClient;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): Promise<string>;
}

export function studioClient(origin: string): StudioClient {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${origin}/api/trpc`, transformer: superjson })] });
}

/** Starts the API server on `databaseFile`; resolves once it listens. */
export function startStudio(databaseFile: string): Promise<StudioProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", CHILD], {
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, HOST: "127.0.0.1", EVENTLOOM_TOKEN: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const errors: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
    const exited = new Promise<string>((done) => child.on("exit", (code, signal) => done(signal ?? String(code))));
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const origin = line.match(/^ready (http:\/\/127\.0\.0\.1:\d+)$/)?.[1];
      if (!origin) return;
      resolve({
        origin,
        client: studioClient(origin),
        exited,
        kill(signal) {
          child.kill(signal);
          return exited;
        },
      });
    });
    child.on("error", reject);
    void exited.then((how) => reject(new Error(`the studio exited (${how}) before it was ready: ${errors.join("").slice(-2000)}`)));
  });
}
