import { oauthGateway } from "@/lib/gateway/gateway";

// The OAuth 2.0 endpoints on the developer's one origin. All logic lives in lib/gateway.
export const dynamic = "force-dynamic";

const handle = (request: Request) => oauthGateway()(request);

export { handle as GET, handle as POST, handle as HEAD };
