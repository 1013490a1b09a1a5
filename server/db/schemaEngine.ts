// Prisma's schema engine, as published on npm (@prisma/schema-engine-wasm), driven through the
// better-sqlite3 driver adapter: the same engine the CLI's native binary contains, for machines
// where that binary cannot be downloaded. Development tooling only; the app never loads it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlQuery } from "@prisma/driver-adapter-utils";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

export type { SchemaEngine };

export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (the engine itself closes none). */
  close(): Promise<void>;
}

let instantiated = false;

/**
 * The package's entry imports its .wasm as an ES module, which Node 20 cannot do; so the module is
 * compiled here and handed to the generated bindings, as the entry would have done. Once per process.
 */
function instantiateWasm(): void {
  if (instantiated) return;
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const module = new WebAssembly.Module(readFileSync(wasmFile));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": wasmBindings as unknown as WebAssembly.ModuleImports });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  // The engine reports a Rust panic's reason here before it traps.
  const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: () => {} };
  instantiated = true;
}

/**
 * The engine replays migrations on the shadow database by sending each whole script through
 * executeRaw, which better-sqlite3 refuses for more than one statement: run those as a script.
 */
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (query.args.length > 0 || !/more than one statement/.test((e as Error).message)) throw e;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/** The engine over one SQLite file (its main database) and an in-memory shadow database. */
export async function openSchemaEngine(databaseFile: string, schema: { path: string; content: string }): Promise<OpenSchemaEngine> {
  instantiateWasm();
  const sqlite = new PrismaBetterSqlite3({ url: databaseFile });
  const connections: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    connections.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: sqlite.provider,
    adapterName: sqlite.adapterName,
    connect: async () => track(await sqlite.connect()),
    connectToShadowDb: async () => track(acceptScripts(await sqlite.connectToShadowDb())),
  });
  try {
    const engine = await wasmBindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, factory);
    return {
      engine,
      async close() {
        engine.free();
        await Promise.all(connections.splice(0).map((c) => c.dispose().catch(() => {})));
      },
    };
  } catch (e) {
    await Promise.all(connections.splice(0).map((c) => c.dispose().catch(() => {})));
    throw e;
  }
}
