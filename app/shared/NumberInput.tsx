import { useEffect, useId, useState } from 'react';

interface Props {
  readonly label: string;
  readonly value: number | null;
  /** Returns the number, or why the text is not acceptable. */
  readonly parse: (text: string) => { value: number } | { error: string };
  readonly onChange: (value: number | null) => void;
  readonly onValidity?: (valid: boolean) => void;
  readonly disabled?: boolean;
  readonly allowEmpty?: boolean;
  readonly placeholder?: string;
  readonly step?: number;
}

/**
 * A number field that refuses bad input at the control: the text stays as
 * typed, the message says why, and only valid numbers reach the experiment.
 */
export function NumberInput({
  label,
  value,
  parse,
  onChange,
  onValidity,
  disabled,
  allowEmpty,
  placeholder,
  step,
}: Props) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [error, setError] = useState<string | null>(null);
  // Follow outside changes (a slider, a reset) unless the user is mid-edit with an error.
  useEffect(() => {
    if (error === null) setText(value === null ? '' : String(value));
  }, [value, error]);
  // A field switched off while it holds a refused entry (λ once sharing is no longer soft) could not be mended
  // and would hold Train back: drop the error (the effect above then shows the value in use) and count it valid.
  useEffect(() => {
    if (!disabled || error === null) return;
    setError(null);
    onValidity?.(true);
  }, [disabled, error, onValidity]);
  const change = (next: string) => {
    setText(next);
    if (allowEmpty && next.trim() === '') {
      setError(null);
      onValidity?.(true);
      onChange(null);
      return;
    }
    const parsed = parse(next);
    if ('error' in parsed) {
      setError(parsed.error);
      onValidity?.(false);
    } else {
      setError(null);
      onValidity?.(true);
      onChange(parsed.value);
    }
  };
  return (
    <span className="number-input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        disabled={disabled}
        placeholder={placeholder}
        data-step={step}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => change(e.target.value)}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
