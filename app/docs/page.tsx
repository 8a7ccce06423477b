import { redirect } from "next/navigation";

// The docs start at the API reference until the guides arrive.
export default function DocsIndex() {
  redirect("/docs/api");
}
