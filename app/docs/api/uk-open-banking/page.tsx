import type { Metadata } from "next";
import { StandardReferencePage } from "@/components/docs/standard-reference-page";
import { findStandardReference } from "@/lib/docs/standard-references";

const standard = findStandardReference("uk-open-banking")!;

export const metadata: Metadata = { title: `${standard.title} reference`, description: standard.summary };

/** UK Open Banking Read/Write API 4.0: its reference, from the document the bank generates. */
export default function UkOpenBankingReferencePage() {
  return <StandardReferencePage standard={standard} />;
}
