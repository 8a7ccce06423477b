import { changeEmailOperation } from "@/lib/account/email-operations";
import { requestEmailChange } from "@/lib/account/request-email-change";
import { handle } from "@/lib/portal-api/handle-operation";

/** The link goes to the new address; the address changes only when it is opened. */
export const POST = handle(changeEmailOperation, ({ actor, body }) => requestEmailChange({ actor, email: body.email }));
