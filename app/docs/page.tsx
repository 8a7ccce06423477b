import { redirect } from "next/navigation";

// The docs start where a new developer starts: the Quickstart.
export default function DocsIndex() {
  redirect("/docs/guides/quickstart");
}
