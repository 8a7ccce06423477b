import type { Operation } from "@/lib/portal-api/define-operation";

// TODO(issue 13): declare this feature's operations (see lib/keys/key-operations.ts).
export const onboardingOperations: Operation[] = [];
