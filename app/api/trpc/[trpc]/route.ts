// The tRPC endpoint: queries, mutations and SSE subscriptions, served by Node
// through the guarded endpoint of server/api/security (body limit, logging).
import { handleTrpcRequest } from "@/server/api/security/endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(req: Request) {
  return handleTrpcRequest(req);
}

export { handler as GET, handler as POST };
