// Autosave: the latest document goes to the server a moment after the last edit, one save at a
// time, each carrying the version it was based on (optimistic concurrency). Server writes that must
// not race a save (rename) run through the same queue. Knows nothing of React or tRPC: the save
// function and the timer are injected.
import type { Flow } from "@/server/flow/schema";
import type { SaveStatus } from "./store";

export interface AutosaveDeps {
  save(document: Flow, version: number): Promise<{ version: number }>;
  /** Runs `fn` after `ms`; returns a cancel function. */
  schedule(fn: () => Promise<void>, ms: number): () => void;
  onStatus(status: SaveStatus): void;
}

/** A save the server refused because someone else saved first: retrying cannot help. */
export function isConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { data?: { code?: string } }).data?.code === "CONFLICT";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Autosaver {
  private pending: Flow | null = null;
  private cancel: (() => void) | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: AutosaveDeps, private version: number, private readonly delayMs = 600) {}

  /** The document changed: save it soon. */
  changed(document: Flow): void {
    if (this.stopped) return;
    this.pending = document;
    this.deps.onStatus({ state: "unsaved" });
    this.cancel?.();
    this.cancel = this.deps.schedule(() => this.flush(), this.delayMs);
  }

  /** Saves what is pending now; resolves when every queued write is done. */
  flush(): Promise<void> {
    this.cancel?.();
    this.cancel = null;
    return this.enqueue(() => this.saveNow());
  }

  /** Runs a server write after any pending save, with the current version; it returns the next one. */
  async run<T extends { version: number }>(write: (version: number) => Promise<T>): Promise<T> {
    await this.flush();
    let result!: T;
    await this.enqueue(async () => {
      result = await write(this.version);
      this.version = result.version;
    });
    return result;
  }

  get hasUnsaved(): boolean {
    return this.pending !== null;
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async saveNow(): Promise<void> {
    const document = this.pending;
    if (!document || this.stopped) return;
    this.pending = null;
    this.deps.onStatus({ state: "saving" });
    try {
      this.version = (await this.deps.save(document, this.version)).version;
      this.deps.onStatus(this.pending ? { state: "unsaved" } : { state: "saved" });
    } catch (error) {
      this.pending ??= document;
      if (isConflict(error)) {
        this.stopped = true;
        this.deps.onStatus({ state: "conflict", message: messageOf(error) });
      } else {
        this.deps.onStatus({ state: "error", message: messageOf(error) });
      }
    }
  }
}
