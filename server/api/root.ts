// The app router: every feature router mounted once, and the server-side caller.
import { createCallerFactory, router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { healthRouter } from "./routers/health";

export const appRouter = router({
  flows: flowsRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
