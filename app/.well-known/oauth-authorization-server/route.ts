import { oauthGateway } from "@/lib/gateway/gateway";

// RFC 8414 discovery, answered by the bank's authorization server through the gateway.
export const dynamic = "force-dynamic";

export const GET = (request: Request) => oauthGateway()(request);
