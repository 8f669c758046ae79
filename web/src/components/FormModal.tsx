// A form in a modal with its error line and Cancel/Save row, shared by every page's dialogs.
import { Button, Group, type MantineColor, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { FormEvent, ReactNode } from 'react';
import { FormError } from './FormError.tsx';

/** Cancel and the submit button, at the end of every form. */
export function FormActions({
  onCancel,
  submitLabel,
  loading,
  color,
  disabled,
}: {
  onCancel: () => void;
  submitLabel: string;
  loading: boolean;
  color?: MantineColor;
  disabled?: boolean;
}) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" color={color} loading={loading} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** A form's frame: the form-level error first, the fields, then Cancel and submit. */
export function FormFrame({
  onSubmit,
  formError,
  onCancel,
  submitLabel,
  submitting,
  submitColor,
  submitDisabled,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  formError: string | null;
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  submitColor?: MantineColor;
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <FormError message={formError} />
        {children}
        <FormActions
          onCancel={onCancel}
          submitLabel={submitLabel}
          loading={submitting}
          color={submitColor}
          disabled={submitDisabled}
        />
      </Stack>
    </form>
  );
}

/**
 * A form in a modal: title, the form-level error, the fields, then Cancel and submit. `onClosed`
 * runs once the closing animation has finished, the moment to reset the form unseen.
 */
export function FormModal({
  opened,
  onClose,
  onClosed,
  title,
  onSubmit,
  formError,
  submitLabel,
  submitting,
  submitColor,
  submitDisabled,
  size = 'lg',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  onClosed?: () => void;
  title: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  formError: string | null;
  submitLabel: string;
  submitting: boolean;
  submitColor?: MantineColor;
  submitDisabled?: boolean;
  size?: string;
  children: ReactNode;
}) {
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
      }
      size={size}
      fullScreen={narrow && size === 'lg'}
      centered
    >
      <FormFrame
        onSubmit={onSubmit}
        formError={formError}
        onCancel={onClose}
        submitLabel={submitLabel}
        submitting={submitting}
        submitColor={submitColor}
        submitDisabled={submitDisabled}
      >
        {children}
      </FormFrame>
    </Modal>
  );
}
