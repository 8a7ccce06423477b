// The request-log thread's entry (lib/request-logs/request-log-thread.ts): TypeScript through tsx,
// registered here because a worker does not inherit the parent's loaders.
import { register } from "tsx/esm/api";
import { register as registerCjs } from "tsx/cjs/api";

registerCjs();
register();
await import("./request-log-worker.ts");
