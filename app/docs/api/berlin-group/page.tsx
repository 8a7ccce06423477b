import type { Metadata } from "next";
import { StandardReferencePage } from "@/components/docs/standard-reference-page";
import { findStandardReference } from "@/lib/docs/standard-references";

const standard = findStandardReference("berlin-group")!;

export const metadata: Metadata = { title: `${standard.title} reference`, description: standard.summary };

/** Berlin Group NextGenPSD2 1.3.11: its reference, from the document the bank generates. */
export default function BerlinGroupReferencePage() {
  return <StandardReferencePage standard={standard} />;
}
