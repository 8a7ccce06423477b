import { handle } from "@/lib/portal-api/handle-operation";
import { regenerateRecoveryCodes } from "@/lib/two-factor/regenerate-recovery-codes";
import { regenerateRecoveryCodesOperation } from "@/lib/two-factor/two-factor-operations";

export const POST = handle(regenerateRecoveryCodesOperation, ({ actor }) => regenerateRecoveryCodes({ actor }));
