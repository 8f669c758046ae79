import { Select, type SelectProps } from '@mantine/core';
import { timeZoneOptions } from '../lib/timezones.ts';
import { selectComboboxProps } from './comboboxProps.ts';

/** A searchable IANA time-zone picker; type "lisbon" or "new york" to narrow it. */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  return (
    <Select
      label="Time zone"
      searchable
      data={timeZoneOptions}
      nothingFoundMessage="No time zone matches"
      maxDropdownHeight={280}
      allowDeselect={false}
      comboboxProps={selectComboboxProps}
      {...props}
    />
  );
}
