// The app router: every feature router mounted once, and the server-side caller.
import { createCallerFactory, router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { healthRouter } from "./routers/health";
import { timelineRouter } from "./routers/timeline";
import { commandsRouter } from "./routers/commands";
import { deadLettersRouter } from "./routers/deadLetters";
import { faultsRouter } from "./routers/faults";
import { metricsRouter } from "./routers/metrics";
import { runsRouter } from "./routers/runs";
import { toursRouter } from "./routers/tours";
import { traceRouter } from "./routers/trace";

export const appRouter = router({
  flows: flowsRouter,
  health: healthRouter,
  timeline: timelineRouter,
  runs: runsRouter,
  commands: commandsRouter,
  trace: traceRouter,
  faults: faultsRouter,
  deadLetters: deadLettersRouter,
  metrics: metricsRouter,
  tours: toursRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
