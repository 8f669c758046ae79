// A small icon button that copies a value (a link, a script) and says so: the tooltip and the
// icon turn to "Copied" for two seconds.
import { ActionIcon, type ActionIconProps, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export function CopyIconButton({
  value,
  label,
  tooltip = label,
  iconSize = 16,
  ...props
}: {
  value: string;
  /** What the button does, for screen readers ("Copy link"). */
  label: string;
  /** The tooltip before copying, when it should say more than the label. */
  tooltip?: string;
  iconSize?: number;
} & Omit<ActionIconProps, 'children' | 'color' | 'variant'>) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : tooltip} withArrow>
          <ActionIcon
            {...props}
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={label}
          >
            {copied ? <IconCheck size={iconSize} /> : <IconCopy size={iconSize} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
