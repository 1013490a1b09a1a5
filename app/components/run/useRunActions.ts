"use client";
// The run bar's, console's, tour's and fault menu's requests, in one place: each goes through the
// tRPC client, updates the run store with what the server answered, and turns a failure into the
// server's plain sentence on the run's notice line. Starts a run on demand (live, paused) when an
// action needs one and none is open.
import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useMemo } from "react";
import { useTRPCClient } from "../../lib/trpc";
import type { CommandInputView, DispatchResult, FaultInput, RunView } from "./api";
import { useRunLayer } from "./runContext";

export interface StartOptions {
  mode: "live" | "fast";
  seed?: number;
  speed?: number;
  play?: boolean;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const RUN_ROUTERS = new Set(["runs", "commands", "faults", "deadLetters", "metrics", "tours"]);
/** tRPC query keys start with the procedure path: refresh only what belongs to runs. */
const isRunQuery = (query: { queryKey: readonly unknown[] }) => {
  const path = query.queryKey[0];
  return Array.isArray(path) && RUN_ROUTERS.has(String(path[0]));
};

export function useRunActions() {
  const { store } = useRunLayer();
  const client = useTRPCClient();
  const queries = useQueryClient();

  return useMemo(() => {
    const get = () => store.getState();
    /** Runs a request with the busy flag; a failure becomes the notice and resolves to undefined. */
    async function request<T>(work: () => Promise<T>): Promise<T | undefined> {
      get().setBusy(true);
      try {
        return await work();
      } catch (error) {
        get().notify(messageOf(error));
        return undefined;
      } finally {
        get().setBusy(false);
      }
    }
    const opened = (view: RunView) => {
      get().opened(view);
      void queries.invalidateQueries({ predicate: isRunQuery });
      return view;
    };

    async function start(options: StartOptions): Promise<RunView | undefined> {
      return request(async () => opened(await client.runs.start.mutate({ flowId: get().flowId, ...options })));
    }

    /** The open run's id, starting a paused live run (or as `options` say) when none is open. */
    async function ensureRun(options: StartOptions = { mode: "live" }): Promise<string | undefined> {
      const open = get().runId;
      if (open) return open;
      return (await start(options))?.run.id;
    }

    return {
      start,
      ensureRun,
      async play(options: Omit<StartOptions, "play">) {
        const runId = get().runId;
        if (!runId || get().record?.mode === "fast") return start({ ...options, mode: "live", play: true });
        const state = await request(() => client.runs.play.mutate({ runId }));
        if (state) get().setState(state);
        return undefined;
      },
      async pause() {
        const runId = get().runId;
        if (!runId) return;
        const state = await request(() => client.runs.pause.mutate({ runId }));
        if (state) get().setState(state);
      },
      /** One hop (one unit of work) of a paused live run; starts a paused run first when none is open. */
      async step(options: Omit<StartOptions, "play">) {
        const runId = get().record?.mode === "fast" ? (await start({ ...options, mode: "live" }))?.run.id : await ensureRun({ ...options, mode: "live" });
        if (!runId) return;
        const result = await request(() => client.runs.step.mutate({ runId, count: 1 }));
        if (!result) return;
        get().setState(result.state);
        if (result.idle) get().notify("Nothing left to do: the run is idle. Dispatch a command to give it work.", "info");
      },
      async settle() {
        const runId = get().runId;
        if (!runId) return;
        const result = await request(() => client.runs.settle.mutate({ runId }));
        if (!result) return;
        get().setState(result.state);
        if (result.settled.warning) get().notify(result.settled.warning);
      },
      async setSpeed(speed: number) {
        const runId = get().runId;
        if (!runId || get().record?.mode === "fast") return;
        const state = await request(() => client.runs.setSpeed.mutate({ runId, speed }));
        if (state) get().setState(state);
      },
      /** A new run: of the same flow, with the seed, mode and speed given (the old one is finished, its recording kept). */
      async reset(options: StartOptions) {
        const runId = get().runId;
        if (!runId) return start(options);
        const { play: _play, ...rest } = options;
        return request(async () => opened(await client.runs.reset.mutate({ runId, ...rest })));
      },
      /** Reopens a recorded run of this flow (the replay view links back with `?run=`). */
      async reopen(runId: string) {
        if (get().runId === runId) return get().record ?? undefined;
        const view = await request(() => client.runs.get.query({ runId }));
        if (!view) return undefined;
        if (view.run.flowId !== get().flowId) {
          get().notify(`Run ${runId} belongs to another flow, so this studio cannot open it.`);
          return undefined;
        }
        return opened(view).run;
      },
      /** A concurrency conflict (a stale expected version) comes back as `{ conflict }`, in words. */
      async dispatch(command: CommandInputView & { retryOnConflict?: boolean }): Promise<DispatchResult | { conflict: string } | undefined> {
        const runId = await ensureRun();
        if (!runId) return undefined;
        let conflict: string | null = null;
        const result = await request(async () => {
          try {
            return await client.commands.dispatch.mutate({ runId, ...command });
          } catch (error) {
            if (error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT") {
              conflict = error.message;
              return undefined;
            }
            throw error;
          }
        });
        if (conflict === null && !result) return undefined;
        get().countCommands(1);
        void queries.invalidateQueries({ predicate: isRunQuery });
        if (conflict !== null) return { conflict };
        if (result?.settled?.warning) get().notify(result.settled.warning);
        return result;
      },
      async script(commands: CommandInputView[]) {
        const runId = get().runId;
        if (!runId) return undefined;
        const result = await request(() => client.commands.script.mutate({ runId, commands }));
        if (result) get().countCommands(result.outcomes.length);
        if (result?.settled?.warning) get().notify(result.settled.warning);
        void queries.invalidateQueries({ predicate: isRunQuery });
        return result;
      },
      async refreshFaults() {
        const runId = get().runId;
        if (!runId) return;
        const faults = await request(() => client.faults.list.query({ runId }));
        if (faults) get().setFaults(faults);
      },
      async injectFault(fault: FaultInput) {
        const runId = await ensureRun();
        if (!runId) return undefined;
        const result = await request(() => client.faults.inject.mutate({ runId, fault }));
        if (result) get().setFaults(result.faults);
        return result;
      },
      async clearFault(key: string) {
        const runId = get().runId;
        if (!runId) return;
        const result = await request(() => client.faults.clear.mutate({ runId, key }));
        if (result) get().setFaults(result.faults);
      },
      opened,
      request,
    };
  }, [client, queries, store]);
}

export type RunActions = ReturnType<typeof useRunActions>;
