import { Group, Radio, Stack } from '@mantine/core';

/**
 * One question answered by choosing one of a few options: a labelled radio group whose error (the
 * form check's, under the question) also marks each option invalid, so that the focus on an error
 * lands on the first option. Options side by side (`inline`) or one a line.
 */
export function ChoiceGroup<Value extends string>({
  name,
  label,
  description,
  options,
  labelOf,
  value,
  onChange,
  error,
  required = true,
  inline = false,
}: {
  name?: string;
  label: string;
  description?: string;
  options: readonly Value[];
  labelOf: (option: Value) => string;
  value: Value | '';
  onChange: (value: Value) => void;
  error?: string;
  required?: boolean;
  inline?: boolean;
}) {
  const Layout = inline ? Group : Stack;
  return (
    <Radio.Group
      name={name}
      label={label}
      description={description}
      value={value}
      onChange={(chosen) => onChange(chosen as Value)}
      error={error}
      withAsterisk={required}
    >
      <Layout gap={inline ? 'md' : 6} mt={inline ? 4 : 6}>
        {options.map((option) => (
          <Radio
            key={option}
            value={option}
            label={labelOf(option)}
            aria-invalid={error ? true : undefined}
          />
        ))}
      </Layout>
    </Radio.Group>
  );
}
