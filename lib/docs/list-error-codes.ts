import { catalog } from "@openbank/contracts/errors";
import { env } from "../env";

/** The error catalogue with each code's entry on the errors page (what `/docs/errors` renders). */
export function listErrorCodes(): { data: { code: string; status: number; title: string; hint: string; docs_url: string }[] } {
  const errorsPage = new URL("/docs/errors", env().PORTAL_URL).href;
  return {
    data: Object.entries(catalog).map(([code, info]) => ({
      code,
      status: info.status,
      title: info.title,
      hint: info.hint,
      docs_url: `${errorsPage}#${code}`,
    })),
  };
}
