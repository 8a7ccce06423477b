/** A choice of a few options as bordered cards, each with a label and a hint (a key's or a token's scope). */
export function RadioCards({
  legend,
  name,
  options,
  defaultValue,
}: {
  legend: string;
  name: string;
  options: readonly { value: string; label: string; hint: string }[];
  defaultValue: string;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1.5 text-sm font-medium text-fg">{legend}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className="flex cursor-pointer items-start gap-3 rounded-control border border-border px-3 py-2.5 has-checked:border-primary has-checked:bg-primary-soft/40"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            defaultChecked={option.value === defaultValue}
            className="mt-1 accent-primary"
          />
          <span className="flex flex-col">
            <span className="text-sm font-medium text-fg">{option.label}</span>
            <span className="text-sm text-fg-muted">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
