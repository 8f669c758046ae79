import { Text, type TextProps } from '@mantine/core';

/** One line of text that ends in an ellipsis when it does not fit; the full text is in the tooltip. */
export function Truncate({ children, ...props }: TextProps & { children: string }) {
  return (
    <Text truncate="end" title={children} miw={0} {...props}>
      {children}
    </Text>
  );
}
