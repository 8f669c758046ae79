import type { ComboboxProps } from '@mantine/core';

/**
 * Mantine keeps a select's option list in the page while it is closed, labelled like the input.
 * Mounting it only while open keeps each label pointing at one element (for `getByLabel` and for
 * assistive tech that lists labelled regions).
 */
export const selectComboboxProps: ComboboxProps = { withinPortal: true, keepMounted: false };
