import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';
import { tokens } from '../shared/tokens.js';

export const deviceSelectStyles = [
  sharedStyles,
  css`
    :host {
      display: inline-block;
      min-width: 0;
      font: ${tokens.font};
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: 0;
    }

    .label {
      font-size: 0.8125rem;
      font-weight: 600;
    }

    .select {
      min-height: 2.75rem;
      max-width: 100%;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--trtc-control-border-color, #d1d5db);
      border-radius: 8px;
      font: inherit;
      color: var(--trtc-control-text-color, #111827);
      background: var(--trtc-control-background, #fff);
      text-overflow: ellipsis;
    }

    .select:focus-visible {
      outline: ${tokens.focusRingColor} solid 3px;
      outline-offset: 2px;
    }

    .message {
      max-width: 18rem;
      font-size: 0.8125rem;
      color: var(--trtc-hint-color, inherit);
    }
  `,
];
