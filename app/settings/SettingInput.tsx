import { NumberInput } from '../shared/NumberInput';
import { parseSetting, type ExperimentForm, type NumericSetting } from './experimentForm';

interface Props {
  readonly setting: NumericSetting;
  readonly label: string;
  readonly form: ExperimentForm;
  readonly disabled: boolean;
  readonly onChange: (form: ExperimentForm) => void;
  readonly onValidity: (key: string, valid: boolean) => void;
}

/** A numeric form setting, checked against its row in the settings table as it is typed. */
export function SettingInput({ setting, label, form, disabled, onChange, onValidity }: Props) {
  return (
    <NumberInput
      label={label}
      value={form[setting]}
      parse={(t) => parseSetting(setting, t)}
      disabled={disabled}
      onChange={(v) => v !== null && onChange({ ...form, [setting]: v })}
      onValidity={(ok) => onValidity(setting, ok)}
    />
  );
}
