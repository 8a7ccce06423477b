import { Code } from "@/components/ui/code";

/** The OpenAPI descriptions' light markup inline: `code` and **bold**; everything else as text. */
export function InlineMarkdown({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, index) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <Code key={index}>{part.slice(1, -1)}</Code>
        ) : part.startsWith("**") && part.endsWith("**") && part.length > 3 ? (
          <strong key={index} className="font-semibold text-fg">
            {part.slice(2, -2)}
          </strong>
        ) : (
          part
        ),
      )}
    </>
  );
}
