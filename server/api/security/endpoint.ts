// The tRPC HTTP endpoint (mounted by app/api/trpc/[trpc]/route.ts): the app router behind
// the request body limit, with unexpected failures logged by path, never with their data.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../root";
import { createContextInner, type Context } from "../trpc";
import { limitBody, MAX_REQUEST_BYTES } from "./bodyLimit";
import { logFailure } from "./logFailure";

export const TRPC_ENDPOINT = "/api/trpc";

export interface EndpointOptions {
  createContext?: () => Context;
  maxRequestBytes?: number;
}

export function handleTrpcRequest(request: Request, options: EndpointOptions = {}): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: limitBody(request, options.maxRequestBytes ?? MAX_REQUEST_BYTES),
    router: appRouter,
    createContext: options.createContext ?? (() => createContextInner()),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logFailure(`tRPC ${path ?? "?"}`, error.cause ?? error);
    },
  });
}
