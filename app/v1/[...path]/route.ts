import { gateway } from "@/lib/gateway/gateway";

// The public sandbox API. All logic lives in lib/gateway; this only mounts it.
export const dynamic = "force-dynamic";

const handle = (request: Request) => gateway()(request);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as HEAD, handle as OPTIONS };
